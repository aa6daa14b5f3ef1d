import type { Context, Interaction, LearnedFeature } from '../types';
import { addTo, decayFactor, valueAt, type DecayedSum } from './decay';
import type { DenseProfile } from './dense';
import { MAX_VECTOR_TEXT, featurePrefix, isText } from '../limits';

/** Joins a context bucket and a feature into one key; features never hold control characters. */
const SEPARATOR = '\u001f';
/**
 * How much evidence, in weight units, a context bucket needs before its own
 * weights count as much as the visitor's overall ones (the shrinkage prior).
 */
const CONTEXT_PRIOR_MASS = 4;
/**
 * The key, among the masses, of the visitor's stated preferences for
 * features (`prefer(f, 1)`, the panel's More). Bucket keys always hold '='
 * and the overall mass is '', so it meets neither; being a mass, it is stored
 * with the profile without a new field.
 */
const STATED = 'stated';
/**
 * Items whose own weight is kept, for seen items and the model's fold-in: the
 * strongest ones are what a visitor's taste rests on, and the fold-in costs
 * O(k²) per item when it is rebuilt.
 */
const MAX_ITEMS = 500;
/**
 * Version 2 added item weights, version 3 trials. Version 1 is rebuilt from
 * the event log; version 2 is read with no trials, since the log may no
 * longer hold all it learned from.
 */
const SERIAL_VERSION = 3;

/** The profile's weights as seen from one context at one moment. */
export interface WeightReader {
  /** Total evidence, in weight units: how sure the profile can be. */
  mass: number;
  weight(feature: string): number;
  /** The context bucket that lifts this feature most above its overall share (by a quarter or more). */
  liftingBucket(feature: string): string | undefined;
}

/** The stored form: `[key, w, t]` rows, JSON- and structured-clone-safe. */
export interface SerializedVector {
  version: number;
  features: [string, number, number][];
  mass: [string, number, number][];
  /** An item's row may end with the vector text it carried (model/vector-text.ts), for the fold-in. */
  items: ([string, number, number] | [string, number, number, string])[];
  shown: [string, number, number][];
  clicked: [string, number, number][];
}

/** How often items with a feature were shown to the visitor and clicked, both decayed like the weights. */
export interface Trials {
  shown: number;
  clicked: number;
}

/**
 * The visitor's sparse preference vector: feature → decayed weight, plus the
 * same per context bucket (`daypart=morning`), each updated in O(features) per
 * interaction. Masses (sums of |Δ|) let a bucket's weights be read as shares
 * and shrunk toward the overall shares when a bucket has little evidence.
 */
export class PreferenceVector {
  /** @internal */
  _features = new Map<string, DecayedSum>();
  /** @internal '' is the overall mass, `key=bucket` a context bucket's, `stated` the preferences stated for features. */
  _mass = new Map<string, DecayedSum>();
  /** @internal Item id → decayed weight of the interactions with it. */
  _items = new Map<string, DecayedSum>();
  /**
   * @internal Feature → decayed count of impressions and of clicks: what
   * exploration learns from, so a kind of item the visitor keeps passing over
   * stops being tried, and comes back to be tried as those passes fade.
   */
  _shown = new Map<string, DecayedSum>();
  /** @internal */
  _clicked = new Map<string, DecayedSum>();
  /**
   * @internal Item id → the vector text the item carried when the visitor
   * chose it, so the fold-in needs no table of every item: kept beside its
   * weight, stored, and dropped with it.
   */
  _vectors = new Map<string, string>();
  /** @internal The fold-in against the site's model, kept in step with the item weights. */
  _dense: DenseProfile | undefined;

  constructor(
    /** @internal */ readonly _halfLifeMs: number,
    /** @internal */ readonly _maxFeatures: number,
    /** @internal */ readonly _contextKeys: readonly string[],
  ) {}

  /** Adds one interaction's weight to each of its features, overall and per context bucket. */
  learn(interaction: Interaction, delta: number): void {
    const { at, item, vector } = interaction;
    // Turning down an item the visitor chose takes back what choosing it taught its features, and then some for the item.
    const taught = delta < 0 && item !== undefined ? Math.max(0, this._value(this._items, item, at)) : 0;
    // Item weights say what the visitor chose (for seen items and the model's fold-in); an impression is seeing, not choosing.
    if (delta !== 0 && item !== undefined && interaction.type !== 'impression') this._learnItem(item, delta - taught, at, vector);
    if (taught > 0) delta = -taught;
    // Trials count whatever an interaction type's weight is: they are a click rate, not a preference.
    const trials = interaction.type === 'impression' ? this._shown : interaction.type === 'click' ? this._clicked : undefined;
    if (trials) {
      for (const feature of interaction.features) this._add(trials, feature, 1, at);
      if (trials.size > this._maxFeatures) this._prune(trials, Math.floor(this._maxFeatures * 0.75), at);
    }
    if (delta === 0 || interaction.features.length === 0) return;
    if (interaction.type === 'prefer' && delta > 0) this._add(this._mass, STATED, delta, at);
    const buckets = this._buckets(interaction.context);
    const massDelta = Math.abs(delta) * interaction.features.length;
    this._add(this._mass, '', massDelta, at);
    for (const bucket of buckets) this._add(this._mass, bucket, massDelta, at);
    for (const feature of interaction.features) {
      this._learnFeature(interaction, feature, delta);
      for (const bucket of buckets) this._learnFeature(interaction, bucket + SEPARATOR + feature, delta);
    }
    // Prune in bulk to three quarters: one sort per quarter of the cap in new
    // entries keeps the cost per interaction flat (amortized O(log cap)). The
    // masses of context buckets (a site's region, say, of many values) are
    // capped alike; the overall mass ('') is the largest, so it always stays.
    for (const map of [this._features, this._mass]) if (map.size > this._maxFeatures) this._prune(map, Math.floor(this._maxFeatures * 0.75), at);
  }

  /**
   * Reads weights for one context at one moment. A feature's weight is, for
   * each context key, its share of that bucket's evidence, shrunk toward its
   * overall share, averaged over keys and scaled back to weight units; without
   * context evidence it is the overall weight. The buckets and their masses are
   * looked up once, so ranking many items costs little per feature.
   */
  reader(context: Context, now: number): WeightReader {
    const total = this._value(this._mass, '', now);
    const buckets = this._buckets(context).map((bucket) => ({
      bucket,
      prefix: bucket + SEPARATOR,
      mass: this._value(this._mass, bucket, now),
    }));
    // Entries learned from one interaction share its time: reuse the last decay factor.
    let lastTime = NaN;
    let lastFactor = 1;
    const valueNow = (key: string) => {
      const sum = this._features.get(key);
      if (!sum) return 0;
      if (sum.t !== lastTime) [lastTime, lastFactor] = [sum.t, decayFactor(now - sum.t, this._halfLifeMs)];
      return sum.w * lastFactor;
    };
    const shareIn = ({ prefix, mass }: (typeof buckets)[number], feature: string, overallShare: number) =>
      (valueNow(prefix + feature) + CONTEXT_PRIOR_MASS * overallShare) / (mass + CONTEXT_PRIOR_MASS);
    return {
      mass: total,
      weight(feature) {
        const overall = valueNow(feature);
        // A feature never learned has no context weights either.
        if (overall === 0 || !buckets.length || total === 0) return overall;
        let shares = 0;
        for (const bucket of buckets) shares += shareIn(bucket, feature, overall / total);
        return (total * shares) / buckets.length;
      },
      liftingBucket(feature) {
        const overall = valueNow(feature);
        if (overall <= 0) return undefined;
        let best: string | undefined;
        let bestShare = (1.25 * overall) / total;
        for (const bucket of buckets) {
          const share = shareIn(bucket, feature, overall / total);
          if (share > bestShare) [best, bestShare] = [bucket.bucket, share];
        }
        return best;
      },
    };
  }

  /**
   * The items the visitor chose, with their weights now (a click is 1), those
   * they turned down, with how far (a dislike is 1), and how much they asked
   * for more of a feature (a More is 1).
   */
  choices(now: number): { chosen: Map<string, number>; turnedDown: Map<string, number>; stated: number } {
    const chosen = new Map<string, number>();
    const turnedDown = new Map<string, number>();
    for (const [item, sum] of this._items) {
      if (sum.w > 0) chosen.set(item, valueAt(sum, now, this._halfLifeMs));
      else if (sum.w < 0) turnedDown.set(item, -valueAt(sum, now, this._halfLifeMs));
    }
    return { chosen, turnedDown, stated: this._value(this._mass, STATED, now) };
  }

  /** The visitor's mix of one prefix's values (`topic:politics` → 0.7), from their positive overall weights. */
  mix(prefix: string, now: number): Map<string, number> {
    const mix = new Map<string, number>();
    let total = 0;
    for (const [feature, sum] of this._features) {
      // Context keys hold the separator before the feature, so they never start with the prefix.
      const weight = feature.startsWith(`${prefix}:`) ? valueAt(sum, now, this._halfLifeMs) : 0;
      if (weight > 0) mix.set(feature, weight), (total += weight);
    }
    for (const [feature, weight] of mix) mix.set(feature, weight / total);
    return mix;
  }

  /**
   * Per feature prefix (`topic` of `topic:tennis`, '' for features without
   * one), the sum of the positive weights now and the sum of their squares:
   * how much the visitor chose within the prefix, and how narrowly.
   */
  prefixTotals(now: number): Map<string, { sum: number; squares: number }> {
    const totals = new Map<string, { sum: number; squares: number }>();
    for (const [feature, sum] of this._features) {
      if (sum.w <= 0 || feature.includes(SEPARATOR)) continue;
      const weight = valueAt(sum, now, this._halfLifeMs);
      const prefix = featurePrefix(feature);
      const total = totals.get(prefix) ?? totals.set(prefix, { sum: 0, squares: 0 }).get(prefix)!;
      total.sum += weight;
      total.squares += weight * weight;
    }
    return totals;
  }

  /** How often items with `feature` were shown and clicked, as of `now`. */
  trials(feature: string, now: number): Trials {
    return { shown: this._value(this._shown, feature, now), clicked: this._value(this._clicked, feature, now) };
  }

  /** Attaches a fold-in and brings it up to date with the item weights kept so far. */
  attach(dense: DenseProfile): void {
    this._dense = dense;
    for (const [item, { w, t }] of this._items) dense.update(item, 0, w, t, this._vectors.get(item));
  }

  /** Learned features with their weights now, strongest first. */
  features(now: number): LearnedFeature[] {
    const learned = new Map<string, LearnedFeature>();
    const byContext: [string, string, number][] = [];
    for (const [key, sum] of this._features) {
      const weight = valueAt(sum, now, this._halfLifeMs);
      const split = key.indexOf(SEPARATOR);
      if (split < 0) learned.set(key, { feature: key, weight, byContext: {} });
      else byContext.push([key.slice(split + 1), key.slice(0, split), weight]);
    }
    for (const [feature, bucket, weight] of byContext) {
      const entry = learned.get(feature);
      if (entry) entry.byContext[bucket] = weight;
    }
    return [...learned.values()].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  }

  toJSON(): SerializedVector {
    const rows = (map: Map<string, DecayedSum>) => [...map].map(([key, { w, t }]): [string, number, number] => [key, w, t]);
    return {
      version: SERIAL_VERSION,
      features: rows(this._features),
      mass: rows(this._mass),
      items: rows(this._items).map((row) => {
        const vector = this._vectors.get(row[0]);
        return vector === undefined ? row : [...row, vector];
      }),
      shown: rows(this._shown),
      clicked: rows(this._clicked),
    };
  }

  /** Restores a stored vector; throws if it is not one, so a corrupt record is never half-read. */
  static fromJSON(
    stored: unknown,
    halfLifeMs: number,
    maxFeatures: number,
    contextKeys: readonly string[],
  ): PreferenceVector {
    const vector = new PreferenceVector(halfLifeMs, maxFeatures, contextKeys);
    const record = stored as Partial<SerializedVector> | null;
    // Version 1 kept no item weights: the caller rebuilds it from the event log, as expected, not as damage.
    if (record?.version === 1) throw new RangeError('[attune] the stored profile is of version 1');
    const known = record?.version === SERIAL_VERSION || record?.version === 2;
    const read = (rows: unknown, into: Map<string, DecayedSum>) => {
      // A record of another version or shape reads as one malformed row.
      for (const row of Array.isArray(rows) && known ? rows : [0]) {
        if (!Array.isArray(row) || typeof row[0] !== 'string' || !Number.isFinite(row[1]) || !Number.isFinite(row[2])) {
          throw new TypeError('[attune] the stored profile is malformed');
        }
        into.set(row[0], { w: row[1], t: row[2] });
      }
    };
    read(record?.features, vector._features);
    read(record?.mass, vector._mass);
    read(record?.items, vector._items);
    // A vector is kept only where it is text the fold-in could read; anything else, as if the item carried none.
    for (const row of record!.items!) if (isText(row[3], MAX_VECTOR_TEXT)) vector._vectors.set(row[0], row[3] as string);
    // Trials start afresh on a version 2 profile, from the next impression on.
    if (record?.version === SERIAL_VERSION) {
      read(record.shown, vector._shown);
      read(record.clicked, vector._clicked);
    }
    return vector;
  }

  /** @internal */
  _buckets(context: Context): string[] {
    const buckets: string[] = [];
    for (const key of this._contextKeys) {
      // Own keys only: a context key named like an Object.prototype member is not set by reading it.
      if (Object.prototype.hasOwnProperty.call(context, key)) buckets.push(`${key}=${context[key]}`);
    }
    return buckets;
  }

  /** @internal */
  _add(map: Map<string, DecayedSum>, key: string, delta: number, at: number): void {
    const sum = map.get(key);
    if (!sum) {
      map.set(key, { w: delta, t: at });
      return;
    }
    const before = Math.abs(addTo(sum, delta, at, this._halfLifeMs));
    // A like undone by a dislike leaves rounding noise, not a preference: drop
    // what cancels to within a thousandth of the amounts involved.
    if (Math.abs(sum.w) < 1e-3 * (before + Math.abs(delta))) map.delete(key);
  }

  /**
   * @internal Adds one interaction's weight to a feature, overall or in a
   * context bucket. A stated preference against it (`prefer(f, -1)`, the
   * panel's Less) first takes away its positive weight, so "less" always ends
   * below neutral, however many reads built the interest up.
   */
  _learnFeature({ type, at }: Interaction, key: string, delta: number): void {
    const cancelled = type === 'prefer' && delta < 0 ? Math.max(0, this._value(this._features, key, at)) : 0;
    this._add(this._features, key, delta - cancelled, at);
  }

  /** @internal An item's own weight, and the fold-in's view of it. */
  _learnItem(item: string, delta: number, at: number, vector?: string): void {
    // The latest text the item carried: a newer build's vector where the page has one.
    if (vector !== undefined) this._vectors.set(item, vector);
    // Read at the later of the two times: an earlier interaction is added at the sum's own time.
    const when = Math.max(at, this._items.get(item)?.t ?? at);
    const before = this._value(this._items, item, when);
    this._add(this._items, item, delta, at);
    this._dense?.update(item, before, this._value(this._items, item, when), when, this._vectors.get(item));
    if (!this._items.has(item)) this._vectors.delete(item);
    if (this._items.size > MAX_ITEMS) {
      // The fold-in's sums are linear in the item weights: a pruned item's share is taken out again.
      for (const [pruned, weight] of this._prune(this._items, Math.floor(MAX_ITEMS * 0.75), when)) {
        this._dense?.update(pruned, weight, 0, when, this._vectors.get(pruned));
        this._vectors.delete(pruned);
      }
    }
  }

  /** @internal */
  _value(map: Map<string, DecayedSum>, key: string, now: number): number {
    const sum = map.get(key);
    return sum ? valueAt(sum, now, this._halfLifeMs) : 0;
  }

  /**
   * @internal Keeps the `keep` entries with the largest weight now; the rest have faded or never
   * mattered. Returns those removed, with their weights now.
   */
  _prune(map: Map<string, DecayedSum>, keep: number, now: number): [string, number][] {
    const ranked = [...map].map(([key, sum]): [string, number] => [key, valueAt(sum, now, this._halfLifeMs)]);
    ranked.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    const removed = ranked.slice(keep);
    for (const [key] of removed) map.delete(key);
    return removed;
  }
}
