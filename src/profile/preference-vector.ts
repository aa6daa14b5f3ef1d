import type { Context, Interaction, LearnedFeature } from '../types';
import { addTo, valueAt, type DecayedSum } from './decay';

/** Joins a context bucket and a feature into one key; features never hold control characters. */
const SEPARATOR = '\u001f';
/**
 * How much evidence, in weight units, a context bucket needs before its own
 * weights count as much as the visitor's overall ones (the shrinkage prior).
 */
const CONTEXT_PRIOR_MASS = 4;
const SERIAL_VERSION = 1;

/** The stored form: `[key, w, t]` rows, JSON- and structured-clone-safe. */
export interface SerializedVector {
  version: number;
  features: [string, number, number][];
  mass: [string, number, number][];
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
  /** @internal '' is the overall mass, `key=bucket` a context bucket's. */
  _mass = new Map<string, DecayedSum>();

  constructor(
    readonly halfLifeMs: number,
    readonly maxFeatures: number,
    readonly contextKeys: readonly string[],
  ) {}

  get size(): number {
    return this._features.size;
  }

  /** Adds one interaction's weight to each of its features, overall and per context bucket. */
  learn(interaction: Interaction, delta: number): void {
    if (delta === 0 || interaction.features.length === 0) return;
    const { at } = interaction;
    const buckets = this._buckets(interaction.context);
    const massDelta = Math.abs(delta) * interaction.features.length;
    this._add(this._mass, '', massDelta, at);
    for (const bucket of buckets) this._add(this._mass, bucket, massDelta, at);
    for (const feature of interaction.features) {
      this._add(this._features, feature, delta, at);
      for (const bucket of buckets) this._add(this._features, bucket + SEPARATOR + feature, delta, at);
    }
    // Prune in bulk to 90 % so the sort runs once per many interactions, not on each.
    if (this._features.size > this.maxFeatures) this._prune(Math.floor(this.maxFeatures * 0.9), at);
  }

  /**
   * A feature's weight now, conditioned on the context: for each context key,
   * the feature's share of that bucket's evidence, shrunk toward its overall
   * share, averaged over keys and scaled back to weight units. Without context
   * evidence this is the overall weight.
   */
  weight(feature: string, context: Context, now: number): number {
    const { total, overall, shares } = this._shares(feature, context, now);
    if (!shares.length) return overall;
    return (total * shares.reduce((sum, [, share]) => sum + share, 0)) / shares.length;
  }

  /**
   * The context bucket that lifts this feature most above its overall share
   * (by at least a quarter), for reasons such as "in the morning".
   */
  liftingBucket(feature: string, context: Context, now: number): string | undefined {
    const { total, overall, shares } = this._shares(feature, context, now);
    let best: string | undefined;
    let bestShare = overall > 0 ? (1.25 * overall) / total : Infinity;
    for (const [bucket, share] of shares) if (share > bestShare) [best, bestShare] = [bucket, share];
    return best;
  }

  /** Total evidence now, in weight units: how sure the profile can be. */
  mass(now: number): number {
    return this._value(this._mass, '', now);
  }

  /** Learned features with their weights now, strongest first. */
  features(now: number): LearnedFeature[] {
    const learned = new Map<string, LearnedFeature>();
    const byContext: [string, string, number][] = [];
    for (const [key, sum] of this._features) {
      const weight = valueAt(sum, now, this.halfLifeMs);
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
    return { version: SERIAL_VERSION, features: rows(this._features), mass: rows(this._mass) };
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
    const read = (rows: unknown, into: Map<string, DecayedSum>) => {
      // A record of another version or shape reads as one malformed row.
      for (const row of Array.isArray(rows) && record?.version === SERIAL_VERSION ? rows : [0]) {
        if (!Array.isArray(row) || typeof row[0] !== 'string' || !Number.isFinite(row[1]) || !Number.isFinite(row[2])) {
          throw new TypeError('[attune] the stored profile is malformed');
        }
        into.set(row[0], { w: row[1], t: row[2] });
      }
    };
    read(record?.features, vector._features);
    read(record?.mass, vector._mass);
    return vector;
  }

  /** @internal The feature's shrunk share in each of the context's buckets. */
  _shares(feature: string, context: Context, now: number) {
    const total = this._value(this._mass, '', now);
    const overall = this._value(this._features, feature, now);
    const overallShare = total > 0 ? overall / total : 0;
    const shares = total > 0 ? this._buckets(context).map((bucket): [string, number] => [
      bucket,
      (this._value(this._features, bucket + SEPARATOR + feature, now) + CONTEXT_PRIOR_MASS * overallShare) /
        (this._value(this._mass, bucket, now) + CONTEXT_PRIOR_MASS),
    ]) : [];
    return { total, overall, shares };
  }

  /** @internal */
  _buckets(context: Context): string[] {
    const buckets: string[] = [];
    for (const key of this.contextKeys) {
      const bucket = context[key];
      if (bucket !== undefined) buckets.push(`${key}=${bucket}`);
    }
    return buckets;
  }

  /** @internal */
  _add(map: Map<string, DecayedSum>, key: string, delta: number, at: number): void {
    const sum = map.get(key);
    if (sum) addTo(sum, delta, at, this.halfLifeMs);
    else map.set(key, { w: delta, t: at });
  }

  /** @internal */
  _value(map: Map<string, DecayedSum>, key: string, now: number): number {
    const sum = map.get(key);
    return sum ? valueAt(sum, now, this.halfLifeMs) : 0;
  }

  /** @internal Keeps the `keep` entries with the largest weight now; the rest have faded or never mattered. */
  _prune(keep: number, now: number): void {
    const ranked = [...this._features].map(
      ([key, sum]) => [key, Math.abs(valueAt(sum, now, this.halfLifeMs))] as const,
    );
    ranked.sort((a, b) => b[1] - a[1]);
    for (let i = keep; i < ranked.length; i++) this._features.delete(ranked[i]![0]);
  }
}
