/**
 * The settings the model builder tunes, each a short list of values around
 * the default: the implicit-ALS training of the factors (α, λ, factors: each
 * a new model), and the SDK's ranking options (blend parts, strength,
 * half-life, diversity: each only a new replay). Ranking defaults are read
 * from the SDK itself, so the search follows them wherever they move.
 */
import { resolveOptions } from '../../src/options';
import type { Blend } from '../../src/rank/hybrid';
import type { TunedSettings } from '../../src/model/format';
import { DEFAULT_BUILD, type BuildSettings } from './build';

const DAY_MS = 86_400_000;

/** One setting searched: its values in increasing order, and where the search starts. */
export interface Dimension {
  name: string;
  /** `model` settings train new factors; `ranking` settings are the SDK's options. */
  kind: 'model' | 'ranking';
  values: readonly number[];
  start: number;
  /** A value as the table shows it. */
  format(value: number): string;
}

/** A value of every dimension searched, by name. */
export type Point = ReadonlyMap<string, number>;

/** The settings a point stands for: those of the model it trains and the SDK's options it ranks with. */
export interface Settings {
  build: Required<Pick<BuildSettings, 'factors' | 'regularization' | 'confidence'>>;
  ranking: { strength: number; halfLife: number; blend: Blend; diversity: number };
}

/** What the site fixed on the command line: those settings are not searched. */
export interface Fixed {
  factors?: number;
  regularization?: number;
  confidence?: number;
}

/** Sorted values with the start among them, so the search can always stand on the default. */
const around = (values: readonly number[], start: number) => [...new Set([...values, start])].sort((a, b) => a - b);

const plain = (value: number) => String(Number(value.toPrecision(3)));
const days = (ms: number) => `${plain(ms / DAY_MS)} d`;

/** A training setting around its default: each value a new model. */
function training(name: keyof Fixed, label: string, values: number[]): Dimension {
  const start = DEFAULT_BUILD[name];
  return { name, kind: 'model', values: around(values, start), start, format: (v) => `${label} ${plain(v)}` };
}

/** An SDK option around its default: each value a replay. */
function ranking(name: string, label: string, values: number[], start: number, format = plain): Dimension {
  return { name, kind: 'ranking', values: around(values, start), start, format: (v) => `${label} ${format(v)}` };
}

/**
 * The dimensions, in the order each pass of the search tries them: the
 * training first (α, λ, factors; a step of ×4, ×2 and ×2: each costs a new
 * model, so they are few), then the ranking's parts and dials. λ, the ridge
 * on every factor, moves the ranking most per step: on MovieLens' held-out
 * points λ 10 → 100 cost HR@10 + NDCG@10 0.18 where α 2 → 8 moved it 0.005,
 * and a step of ×10 jumped over λ 20, which gains there (+0.0075 ± 0.0057)
 * and in the quality replay, so λ's steps are the finest. A blend part
 * that is off by default (freshness: the logs say nothing about publication
 * times) is not searched, nor is the half-life where the logs have no times.
 * Diversity is searched from half its default to twice it, never off: a list
 * kept open is what the SDK promises visitors; how much of it a site's logs
 * can bear is the site's to know (on MovieLens, with the blend tuned when
 * NDCG@10 alone was judged, content 0.4 and features 0.4, the default
 * diversity cost HR@10 0.764 → 0.753).
 */
export function tuningSpace(fixed: Fixed, timed: boolean): Dimension[] {
  const sdk = resolveOptions({});
  const models = [training('confidence', 'α', [0.5, 2, 8, 32]), training('regularization', 'λ', [2.5, 5, 10, 20, 40, 80]), training('factors', 'factors', [32, 64, 128])];
  const blendParts = (Object.keys(sdk.blend) as (keyof Blend)[]).filter((part) => sdk.blend[part] > 0);
  // The SDK takes blend weights up to 10.
  const blend = blendParts.map((part) => ranking(`blend.${part}`, part, [0, 0.25, 0.5, 2, 4].map((times) => Math.min(10, sdk.blend[part] * times)), sdk.blend[part]));
  const strength = ranking('strength', 'strength', [0.2, 0.35, 0.5, 0.7, 0.85, 1], sdk.strength);
  const halfLife = ranking('halfLife', 'half-life', [1, 3, 7, 14, 30, 90, 365].map((d) => d * DAY_MS), sdk.halfLife, days);
  const diversity = ranking('diversity', 'diversity', [0.5, 2].map((times) => sdk.diversity * times), sdk.diversity);
  return [...models.filter(({ name }) => fixed[name as keyof Fixed] === undefined), ...blend, strength, ...(timed ? [halfLife] : []), diversity];
}

/** Where the search starts: every dimension at its default. */
export const startOf = (space: readonly Dimension[]): Point => new Map(space.map(({ name, start }) => [name, start]));

/** The build settings and SDK options of a point; what is not searched keeps the site's flag or the default. */
export function settingsOf(point: Point, fixed: Fixed): Settings {
  const sdk = resolveOptions({});
  const value = (name: string, otherwise: number) => point.get(name) ?? otherwise;
  const blend = { ...sdk.blend };
  for (const part of Object.keys(blend) as (keyof Blend)[]) blend[part] = value(`blend.${part}`, blend[part]);
  return {
    build: {
      factors: value('factors', fixed.factors ?? DEFAULT_BUILD.factors),
      regularization: value('regularization', fixed.regularization ?? DEFAULT_BUILD.regularization),
      confidence: value('confidence', fixed.confidence ?? DEFAULT_BUILD.confidence),
    },
    ranking: { strength: value('strength', sdk.strength), halfLife: value('halfLife', sdk.halfLife), blend, diversity: value('diversity', sdk.diversity) },
  };
}

/**
 * The ranking settings the model file carries: those the search moved from
 * the SDK's defaults, and only those, so the rest follows the SDK a visitor's
 * browser runs.
 */
export function tunedOf(point: Point, space: readonly Dimension[]): TunedSettings {
  const tuned: TunedSettings = {};
  for (const { name, kind, start } of space) {
    const value = point.get(name)!;
    if (kind !== 'ranking' || value === start) continue;
    if (name.startsWith('blend.')) tuned.blend = { ...tuned.blend, [name.slice('blend.'.length)]: value };
    else tuned[name as 'strength' | 'halfLife' | 'diversity'] = value;
  }
  return tuned;
}

/** A point's settings that differ from the start, in words: "α 8, strength 0.7", or "the defaults". */
export function describe(point: Point, space: readonly Dimension[]): string {
  const moved = space.filter(({ name, start }) => point.get(name) !== start).map((dimension) => dimension.format(point.get(dimension.name)!));
  return moved.length ? moved.join(', ') : 'the defaults';
}
