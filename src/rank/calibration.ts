import type { Aim, FeaturesOf, Moved, Rerank, RerankStep } from './rerank';

/** How many leading places calibration fills: a slot's worth, where the mix is seen. */
const CALIBRATED_PLACES = 20;
/** Steck's smoothing: the list's mix is blended with this much of the target, so KL stays finite. */
const SMOOTHING = 0.01;

/**
 * Calibrated recommendations (Steck, RecSys 2018): the value of an item is
 * (1 − weight) × Σ relevance − weight × KL(target ‖ mix) with it added, where
 * an item adds to the mix an equal share for each of its values (a
 * `topic:politics topic:science` item half each) and the mix is smoothed
 * toward the target. A visitor who reads 70 % politics then sees about that.
 */
function calibrationAim(features: FeaturesOf, { target, weight }: NonNullable<Rerank['calibration']>, moved: Moved): Aim {
  const sharesOf = (index: number) => {
    const values = features(index).filter((feature) => target.has(feature));
    return values.map((value) => [value, 1 / values.length] as const);
  };
  const mix = new Map<string, number>();
  let items = 0;
  let gained = 0;
  /** Value v's term of KL(target ‖ smoothed mix), with `added` more of v and one more item in the list. */
  const term = (value: string, added: number) => {
    const share = target.get(value)!;
    const q = ((mix.get(value) ?? 0) + added) / (items + 1);
    return share * Math.log(share / ((1 - SMOOTHING) * q + SMOOTHING * share));
  };
  // The divergence with one more item that adds nothing, summed once per place: a candidate changes only its own values' terms.
  let unchanged = 0;
  const value = (index: number, relevance: number) => {
    let divergence = unchanged;
    for (const [value, share] of sharesOf(index)) divergence += term(value, share) - term(value, 0);
    return (1 - weight) * (gained + relevance) - weight * divergence;
  };
  const place = (index: number, relevance: number) => {
    gained += relevance;
    items++;
    for (const [value, share] of sharesOf(index)) mix.set(value, (mix.get(value) ?? 0) + share);
    unchanged = 0;
    for (const value of target.keys()) unchanged += term(value, 0);
  };
  for (const value of target.keys()) unchanged += term(value, 0);
  return { places: CALIBRATED_PLACES, value, place, lifted: moved.calibrated };
}

/**
 * Calibration: the first places keep the mix of one kind of feature (topics)
 * close to the visitor's own. Placed after diversity in the step list, it
 * fills the same places, reading diversity's value as its relevance.
 */
export const calibration: RerankStep = {
  aim: (_order, features, settings, moved) =>
    settings.calibration?.target.size ? calibrationAim(features, settings.calibration, moved) : undefined,
};
