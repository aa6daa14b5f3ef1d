import type { Interaction } from '../types';
import type { Config } from '../options';
import type { Model } from '../model/format';
import type { InteractionStore } from '../store/interaction-store';
import { PreferenceVector } from './preference-vector';
import { weightOf } from '../signals/interaction';

/**
 * Owns the visitor's preference vector: learns each interaction into it,
 * rebuilds it from stored events, and folds it into the site's model once
 * there is one. The vector is replaced whole when rebuilt, so a ranking never
 * reads one half learned.
 */
export class Learner {
  /** The vector rankings read; replaced by `adopt` after a rebuild. */
  vector: PreferenceVector;
  /** The site's model, once loaded; until then, and if it fails, ranking uses features alone. */
  model: Model | undefined;
  /** Attaches a vector's fold-in against a model: set by model support, which loads on demand. */
  foldWith: ((vector: PreferenceVector, model: Model) => void) | undefined;
  /** Told each time the vector rankings read changes: `subscribe()`'s notifier. */
  onChange: () => void = () => {};

  constructor(readonly config: Pick<Config, 'halfLife' | 'maxFeatures' | 'contextKeys' | 'interactionWeights'>) {
    this.vector = this.rebuild(undefined, []);
  }

  learn(interaction: Interaction, into = this.vector): void {
    into.learn(interaction, weightOf(interaction, this.config.interactionWeights));
    if (into === this.vector) this.onChange();
  }

  /** A stored vector (or a new one) with the events learned; throws if the stored one is corrupt. */
  rebuild(stored: unknown, events: readonly Interaction[]): PreferenceVector {
    const { halfLife, maxFeatures, contextKeys } = this.config;
    const learned =
      stored === undefined ? new PreferenceVector(halfLife, maxFeatures, contextKeys) : PreferenceVector.fromJSON(stored, halfLife, maxFeatures, contextKeys);
    this.foldIn(learned);
    for (const interaction of events) this.learn(interaction, learned);
    return learned;
  }

  /** Starts from `vector`, with what is not stored yet (`unstored`) learned again on top. */
  adopt(vector: PreferenceVector, unstored: readonly Interaction[]): void {
    const current = this.inStep(vector);
    for (const interaction of unstored) this.learn(interaction, current);
    this.vector = current;
    this.onChange();
  }

  /**
   * The vector, decaying at the configured half-life from now on: a model's
   * tuned half-life may arrive after it was built (as a site's new half-life
   * meets a profile stored under the old one). Its weights are kept as they are.
   */
  inStep(vector: PreferenceVector): PreferenceVector {
    const { halfLife, maxFeatures, contextKeys } = this.config;
    return vector._halfLifeMs === halfLife ? vector : PreferenceVector.fromJSON(vector.toJSON(), halfLife, maxFeatures, contextKeys);
  }

  /**
   * Brings the stored profile up to date from the event log (see
   * {@link InteractionStore.catchUp}) and adopts it, with what is not stored
   * yet (asked for once it is done) learned again on top.
   */
  async catchUp(store: InteractionStore, unstored: () => readonly Interaction[]): Promise<void> {
    let merged: PreferenceVector | undefined;
    await store.catchUp((stored, events) => (merged = this.rebuild(stored, events)).toJSON());
    if (merged) this.adopt(merged, unstored());
  }

  /** Forgets everything learned. */
  reset(): void {
    this.vector = this.rebuild(undefined, []);
    this.onChange();
  }

  /** Gives a vector its fold-in against the model, once there is a model and the vector has none. */
  foldIn(into = this.vector, against = this.model): void {
    if (this.foldWith && against && !into._dense) this.foldWith(into, against);
  }

  /** Uses the site's model from now on; throws, leaving it unused, if the fold-in cannot be built. */
  useModel(model: Model): void {
    const vector = this.inStep(this.vector);
    this.foldIn(vector, model);
    this.vector = vector;
    this.model = model;
    this.onChange();
  }
}
