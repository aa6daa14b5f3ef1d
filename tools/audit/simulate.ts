/**
 * The simulated feedback loop: a population of visitors with known tastes is
 * shown a slot by the SDK every day, clicks by those tastes, and the SDK learns
 * from what it showed and what was clicked. Measured round by round, it shows
 * whether personalization narrows what visitors see (the filter bubble) and
 * how far each control counters that, at what cost in clicks.
 */
import { createAttune } from '../../src/index';
import { OPTIONS } from '../../src/options';
import type { Attune, AttuneOptions, Candidate } from '../../src/index';
import { calibrationKl, coverage, gini, intraListDiversity, mixOf } from './metrics';
import { DEFAULT_POPULATION, POPULATION_STREAMS, seededStream, simulatedPopulation, type PopulationSettings, type SimulatedItem } from './population';

const DAY_MS = 86_400_000;
/** Rounds fall a day apart from this Monday morning, so the SDK's daypart context is the same every round; weekday and weekend alternate as in a real week. */
const FIRST_ROUND_AT = Date.UTC(2025, 0, 6, 8);

/** The SDK's options a setting may change. */
export type FeedbackOptions = Pick<AttuneOptions, 'strength' | 'seen' | 'diversity' | 'calibration' | 'caps' | 'exploration' | 'interactionWeights'>;

/** One setting the feedback-loop simulation runs: a name for the report and the SDK options it sets. */
export interface FeedbackSetting {
  name: string;
  options: FeedbackOptions;
  /** What the other settings are compared with, seed by seed. */
  reference?: true;
}

/** The SDK's default for a re-ranking option. */
const defaultOf = (name: 'diversity' | 'exploration') => OPTIONS.get(name)!._fallback as number;

/** Personalization with every control off, whatever the SDK's defaults turn on; calibration is off unless given. */
export const NO_CONTROLS: FeedbackOptions = { diversity: 0, exploration: 0, caps: {} };

/**
 * The settings compared, in one place so the list can follow the defaults as
 * they are chosen. Each control is added to personalization with no controls,
 * so a row shows that control alone; the site's own order for everyone is the
 * other reference.
 */
export const FEEDBACK_SETTINGS: readonly FeedbackSetting[] = [
  { name: 'site order, no personalization (strength 0)', options: { ...NO_CONTROLS, strength: 0 } },
  { name: 'personalization, no controls', options: NO_CONTROLS, reference: true },
  // Not a control: it tells how much of what the profile learns comes from what it showed.
  { name: 'personalization, impressions not learned', options: { ...NO_CONTROLS, interactionWeights: { impression: 0 } } },
  { name: 'diversity 0.3', options: { ...NO_CONTROLS, diversity: 0.3 } },
  { name: 'calibration by topic 0.5', options: { ...NO_CONTROLS, calibration: { by: 'topic', weight: 0.5 } } },
  { name: 'exploration 0.2', options: { ...NO_CONTROLS, exploration: 0.2 } },
  // The SDK's defaults as they are: the row is named by their values, read from the options, so it cannot name stale ones.
  { name: `diversity ${defaultOf('diversity')} + exploration ${defaultOf('exploration')} (the defaults)`, options: {} },
];

/** The simulated front page: how many rounds (days), stories published a day, how long each stays, how many are shown. */
export interface LoopSettings {
  rounds: number;
  /** Stories published each round (a day); the site offers every story for `shelfLife` rounds. */
  published: number;
  shelfLife: number;
  /** How many first places a visitor looks at. */
  shown: number;
}

/** A day's 30 stories on the front page for 4 days: 120 candidates each round. */
export const DEFAULT_LOOP: LoopSettings = { rounds: 40, published: 30, shelfLife: 4, shown: 10 };

/** Everything a simulation run reads: the population and the front page. */
export type SimulationSettings = PopulationSettings & LoopSettings;

/** One round, averaged over the visitors (the last three over the population at once). */
export interface RoundMeasures {
  round: number;
  /** Intra-list diversity of the places shown: mean over pairs of 1 − cosine of their features. */
  diversity: number;
  /** Distinct topics among the places shown. */
  topics: number;
  /** The share of the places shown that the visitor's favourite topic takes. */
  favouriteShare: number;
  /** KL divergence (nats) of the topic mix shown from the visitor's true tastes, smoothed as in calibration. */
  divergence: number;
  /** Gini index of how often each item the site offered was shown, over every visitor's places. */
  gini: number;
  /** Share of the items the site offered that anyone was shown. */
  coverage: number;
  /** Clicks per place shown. */
  clickRate: number;
}

/** One setting's simulation: what was shown and clicked, round by round. */
export interface FeedbackReport {
  setting: string;
  /** The favourite topic's mean share of the visitors' true tastes: what `favouriteShare` would be if lists followed taste. */
  favouriteTaste: number;
  rounds: RoundMeasures[];
}

/**
 * The chance that a visitor looks at place `p` (zero-based): 1 / log2(p + 2),
 * the discount NDCG assumes, so the first place is always seen and the tenth
 * less than a third of the time.
 */
const examined = (place: number) => 1 / Math.log2(place + 2);

/**
 * Each visitor's clicks and each visitor's SDK draw from streams of their
 * own, so every setting sees the same coin flips at the same places:
 * differences come from the rankings alone.
 */
const clickStream = (visitor: number) => POPULATION_STREAMS + 2 * visitor;
const sdkStream = (visitor: number) => POPULATION_STREAMS + 1 + 2 * visitor;

/**
 * The site's order of one round's stories, as a front page sorted by
 * popularity shows them: the most clicked so far (by the whole population,
 * up to the previous round) first, the rest newest first.
 */
function siteOrder(offered: readonly SimulatedItem[], clicks: Map<string, number>): Candidate[] {
  return offered
    .map((item, at) => ({ item, at, clicks: clicks.get(item.id) ?? 0 }))
    .sort((a, b) => b.clicks - a.clicks || b.at - a.at)
    .map(({ item }) => ({ id: item.id, features: item.features }));
}

/**
 * Runs the loop for one setting: every visitor gets an SDK instance of their
 * own (memory storage, consent granted, no automatic tracking, the simulated
 * clock, a seeded generator), kept across rounds; each round, a day after the
 * last, it ranks the stories on the site's front page, the visitor examines
 * the first places with a position bias and clicks an examined story they
 * have not read yet with probability (their taste for its topic) × (its
 * appeal); every place shown is tracked as an impression and every click as a click.
 *
 * @param setting - the SDK options compared, over `{ storage: 'memory', autoTrack: false, consent: 'granted' }`.
 * @param settings - the population and the loop; defaults in {@link DEFAULT_POPULATION} and {@link DEFAULT_LOOP}.
 * @returns the measures of each round.
 */
export async function feedbackLoop(setting: FeedbackSetting, settings: Partial<SimulationSettings> = {}): Promise<FeedbackReport> {
  const { rounds, published, shelfLife, shown, ...populationSettings } = { ...DEFAULT_POPULATION, ...DEFAULT_LOOP, ...settings };
  if (!(Number.isInteger(published) && Number.isInteger(shelfLife) && published * shelfLife >= shown && shelfLife >= 1)) {
    throw new RangeError(`the front page (published × shelfLife) must hold at least the ${shown} places shown, not ${published} × ${shelfLife}`);
  }
  const { items, visitors, topics } = simulatedPopulation(populationSettings, published * (rounds + shelfLife - 1));
  const byId = new Map(items.map((item) => [item.id, item]));
  const featuresOf = (id: string) => byId.get(id)!.features;
  const topicOf = (id: string) => [topics[byId.get(id)!.topic]!];

  let clock = FIRST_ROUND_AT;
  const sdks: Attune[] = [];
  for (let v = 0; v < visitors.length; v++) {
    const environment = { now: () => clock, random: seededStream(populationSettings.seed, sdkStream(v)) };
    sdks.push(await createAttune({ ...setting.options, storage: 'memory', autoTrack: false, consent: 'granted', environment }));
  }
  const clickers = visitors.map((_, v) => seededStream(populationSettings.seed, clickStream(v)));
  const tastesOf = visitors.map(({ tastes }) => new Map(topics.map((topic, k) => [topic, tastes[k]!])));
  const read = visitors.map(() => new Set<string>());
  const clicksSoFar = new Map<string, number>();
  const measured: RoundMeasures[] = [];

  for (let round = 1; round <= rounds; round++, clock += DAY_MS) {
    // Round 1 opens with the stories of the shelf life's first days already up.
    const onShelf = items.slice((round - 1) * published, (round - 1 + shelfLife) * published);
    const offered = siteOrder(onShelf, clicksSoFar);
    const lists: string[][] = [];
    const clicked: string[] = [];
    let diversity = 0;
    let distinctTopics = 0;
    let favouriteShare = 0;
    let divergence = 0;
    visitors.forEach((visitor, v) => {
      const sdk = sdks[v]!;
      const list = sdk.rank(offered, { limit: shown }).map(({ id }) => id);
      const click = clickers[v]!;
      list.forEach((id, place) => {
        const item = byId.get(id)!;
        sdk.track('impression', { item: id, features: item.features });
        // One draw per place whatever happens, so the streams stay aligned across settings.
        const coin = click();
        if (!read[v]!.has(id) && coin < examined(place) * visitor.tastes[item.topic]! * item.appeal) {
          sdk.track('click', { item: id, features: item.features });
          read[v]!.add(id);
          clicked.push(id);
        }
      });
      const mix = mixOf(list, topicOf);
      lists.push(list);
      diversity += intraListDiversity(list, featuresOf);
      distinctTopics += mix.size;
      favouriteShare += mix.get(topics[visitor.favourite]!) ?? 0;
      divergence += calibrationKl(tastesOf[v]!, mix);
    });
    // The site's popularity order learns from this round's clicks from the next round on, as a daily batch would.
    for (const id of clicked) clicksSoFar.set(id, (clicksSoFar.get(id) ?? 0) + 1);
    const n = visitors.length;
    measured.push({
      round,
      diversity: diversity / n,
      topics: distinctTopics / n,
      favouriteShare: favouriteShare / n,
      divergence: divergence / n,
      gini: gini(lists, offered.map(({ id }) => id)),
      coverage: coverage(lists, offered.length),
      clickRate: clicked.length / lists.reduce((places, list) => places + list.length, 0),
    });
  }
  await Promise.all(sdks.map((sdk) => sdk.close()));
  const favouriteTaste = visitors.reduce((sum, { tastes, favourite }) => sum + tastes[favourite]!, 0) / visitors.length;
  return { setting: setting.name, favouriteTaste, rounds: measured };
}

/**
 * The mean of each measure, round by round, over runs of one setting with
 * different seeds: a round's figure then rests on several draws of visitors,
 * stories and clicks instead of one.
 */
export function meanReport(reports: readonly FeedbackReport[]): FeedbackReport {
  const [first] = reports;
  if (!first || reports.some((report) => report.setting !== first.setting || report.rounds.length !== first.rounds.length)) {
    throw new TypeError('meanReport: give one or more runs of the same setting with the same number of rounds');
  }
  const mean = (value: (report: FeedbackReport) => number) => reports.reduce((sum, report) => sum + value(report), 0) / reports.length;
  const measures = Object.keys(first.rounds[0] ?? {}) as (keyof RoundMeasures)[];
  return {
    setting: first.setting,
    favouriteTaste: mean((report) => report.favouriteTaste),
    rounds: first.rounds.map((_, r) => Object.fromEntries(measures.map((measure) => [measure, mean((report) => report.rounds[r]![measure])])) as unknown as RoundMeasures),
  };
}
