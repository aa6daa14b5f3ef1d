/**
 * What the site's conditions are held against: the visitor's kept history
 * and this page view's interactions, read once when the part starts and kept
 * up to date as the visitor acts, their visits counted from it.
 */
import type { Core } from '../core';
import type { Context, Interaction } from '../types';
import type { Facts } from './conditions';
import { readHistory } from '../store/stored-history';
import { statedText } from '../profile/stated';
import { timeContext } from '../signals/context';

/** A gap without interactions after which the visitor's next interaction starts a new visit, as web analytics count sessions. */
const VISIT_GAP_MS = 30 * 60_000;

const keyOf = ({ at, type, item }: Interaction) => `${at}\u001f${type}\u001f${item ?? ''}`;

/** Visits in a history, oldest first, and this page view, which is one more unless it continues the last. */
function visitsIn(events: readonly Interaction[], now: number): number {
  let visits = 0;
  let last = -Infinity;
  for (const { at } of events) {
    if (at - last > VISIT_GAP_MS) visits++;
    last = Math.max(last, at);
  }
  return now - last > VISIT_GAP_MS ? visits + 1 : Math.max(visits, 1);
}

/** The visitor's history as conditions read it, kept up to date by `core._recorded`. */
export class VisitorHistory {
  readonly events: Interaction[] = [];
  visits = 1;

  /** Reads what is kept (stored, and not yet stored), and listens for what this page view records. */
  async load(core: Core): Promise<void> {
    const fresh: Interaction[] = [];
    core._recorded = (interaction) => fresh.push(interaction);
    const unstored = core.batcher.pending.slice();
    const { events } = await core.useStore(readHistory);
    // An interaction stored while the history was read is in both: counted once.
    const known = new Set(events.map(keyOf));
    const kept = [...events, ...unstored.filter((event) => !known.has(keyOf(event)))];
    for (const event of kept) known.add(keyOf(event));
    this.events.push(...kept.sort((a, b) => a.at - b.at));
    this.visits = visitsIn(this.events, core.config.now());
    this.events.push(...fresh.filter((event) => !known.has(keyOf(event))));
    core._recorded = (interaction) => this.events.push(interaction);
  }

  /** The facts of this moment but audiences (audiences.ts binds them), for `context` (a ranking's), or the page view's own. */
  facts(core: Core, context?: Context): Omit<Facts, 'audience'> {
    const now = core.config.now();
    return {
      events: this.events,
      vector: core.learner.vector,
      stated: statedText(core.settings.values.stated),
      context: context ?? { ...timeContext(now), ...core.pageBuckets },
      visits: this.visits,
      now,
    };
  }

  /** Forgets the history: the visitor erased everything. */
  clear(): void {
    this.events.length = 0;
    this.visits = 1;
  }
}
