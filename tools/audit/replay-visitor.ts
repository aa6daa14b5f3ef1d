/**
 * One visitor of a held-out replay, through the SDK's public API only: what
 * the audit measures each setting with, and what `attune build-model` tunes
 * with, so both judge the ranking a site's visitors will actually get,
 * whatever the score inside it is.
 */
import { createAttune } from '../../src/index';
import type { AttuneModel, AttuneOptions, InteractionType } from '../../src/index';
import { mulberry32 } from '../model/als';
import type { ReplayUser, TimedInteraction } from './leave-last-out';

/** The options a replay may set for every visitor, over the fresh in-memory instance it gives each. */
export type VisitorOptions = Omit<AttuneOptions, 'storage' | 'autoTrack' | 'consent' | 'environment' | 'model'>;

export interface VisitorReplay {
  /** The site's model, decoded once and shared by every visitor. */
  model?: AttuneModel | undefined;
  options: VisitorOptions;
  /** How each training interaction is given to the SDK, `track(interaction, …)`. */
  interaction: InteractionType;
  /** Each item's features as a page marks them up. */
  features: (id: string) => readonly string[];
  /** The visitor's generator is seeded with this plus their place in the evaluation. */
  seed: number;
}

/** Where one visitor's held-out item went. */
export interface VisitorResult {
  /** Its zero-based place, −1 when the ranking left it out. */
  rank: number;
  /** The ids of the first `top` places. */
  top: string[];
  /** How long the one `rank()` took, in milliseconds (the model's fold-in included). */
  ms: number;
}

/** The instance every visitor gets: a fresh in-memory profile, its clock at the held-out moment (or as `heldOutAt` reads it), its own seeded generator. */
export function visitorOptions(heldOutAt: number | (() => number), random: () => number, model: AttuneModel | undefined, options: VisitorOptions): AttuneOptions {
  // Exploration draws from the seeded generator, so a report is reproducible.
  const environment = { now: typeof heldOutAt === 'function' ? heldOutAt : () => heldOutAt, random };
  return { storage: 'memory', autoTrack: false, consent: 'granted', environment, ...(model && { model }), ...options };
}

/**
 * Replays one visitor: a fresh instance with the options, fed their training
 * history in time order with `track()`, then one `rank()` of their candidates.
 */
export async function replayVisitor(user: ReplayUser<TimedInteraction>, index: number, replay: VisitorReplay, top: number): Promise<VisitorResult> {
  return (await replayPoints([user], index, replay, top))[0]!;
}

/**
 * Replays one visitor at several held-out points of their history, earliest
 * first, each point's history the one before with the point before it added:
 * one instance, fed in time order, ranking each point's candidates with its
 * clock at that point, before it is fed the point's item.
 */
export async function replayPoints(points: readonly ReplayUser<TimedInteraction>[], index: number, replay: VisitorReplay, top: number): Promise<VisitorResult[]> {
  const { model, options, interaction, features, seed } = replay;
  let now = points[0]!.heldOut.time;
  const attune = await createAttune(visitorOptions(() => now, mulberry32(seed + index), model, options));
  const results: VisitorResult[] = [];
  let fed = 0;
  for (const user of points) {
    for (const { item, time } of user.train.slice(fed)) attune.track(interaction, { item: String(item), features: features(String(item)), at: time });
    fed = user.train.length;
    now = user.heldOut.time;
    const candidates = user.candidates.map((item) => ({ id: String(item), features: features(String(item)) }));
    const start = performance.now();
    const ranking = attune.rank(candidates);
    const ms = performance.now() - start;
    const heldOut = String(user.heldOut.item);
    results.push({ rank: ranking.findIndex(({ id }) => id === heldOut), top: ranking.slice(0, top).map(({ id }) => id), ms });
  }
  await attune.close();
  return results;
}
