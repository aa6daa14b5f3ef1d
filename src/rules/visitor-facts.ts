/**
 * What the site's conditions are held against: the visitor's kept history
 * and this page view's interactions, read once when the part starts and kept
 * up to date as the visitor acts, their visits counted from it.
 */
import type { Core } from '../core';
import type { Context, Interaction } from '../types';
import type { Facts } from './conditions';
import type { MemoryStore } from '../store/memory';
import { readHistory } from '../store/stored-history';
import { isStoredInteraction } from '../store/stored-records';
import { withoutFeature } from '../signals/interaction';
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

/**
 * Interactions up to which the history is kept in the profile's copy
 * (store/profile-copy.ts), about 50,000 characters of it: a longer history
 * would cost each write of the copy more than a rules page saves by not
 * waiting for the database, and its slots wait for the database.
 */
const HISTORY_IN_COPY = 500;

/** The history a copy carried, if it is one: a list of interactions as stored, short enough to be whole. */
function copiedHistory(history: unknown): Interaction[] | undefined {
  return Array.isArray(history) && history.length <= HISTORY_IN_COPY && history.every(isStoredInteraction) ? history : undefined;
}

/** The visitor's history as conditions read it, kept up to date by `core._recorded`. */
export class VisitorHistory {
  readonly events: Interaction[] = [];
  visits = 1;
  /** `events` holds the whole history: the database's, or the copy's until the database answers. */
  _whole = false;
  /** Erases heard: a read under way when one is heard answers with what was erased. */
  _erasures = 0;
  /** Resolves once `events` is the database's history (after the copy's, where it carried one); never rejects. */
  fromDatabase: Promise<void> = Promise.resolve();

  /**
   * Reads what is kept (stored, and not yet stored), and listens for what this
   * page view records. Where the profile's copy carried the history, conditions
   * hold against it at once, and the database's replaces it once it answers.
   */
  load(core: Core): Promise<void> {
    // What this page view records while the database is read: in its answer or not, as the write was before or after.
    const fresh: Interaction[] = [];
    // What this page view recorded that no database holds yet: writes waiting, and before storage opens, memory's.
    const unstored = [...core.batcher.pending, ...(core.store.persistent ? [] : (core.store as MemoryStore).events)];
    const erasures = this._erasures;
    const copied = copiedHistory(core._copiedHistory);
    this._whole = false;
    core._recorded = (interaction) => {
      fresh.push(interaction);
      // Conditions already read a whole history (the copy's, or none after an erase): it goes on at once.
      if (this._whole) this.events.push(interaction);
    };
    if (copied) this._adopt(copied, unstored, [], core);
    const reading = (core._storageSettled ?? Promise.resolve())
      .then(() => core.useStore(readHistory))
      .then(({ events }) => {
        if (erasures === this._erasures) this._adopt(events, unstored, fresh, core);
        core._recorded = (interaction) => this.events.push(interaction);
      });
    // Where the database cannot be read, the copy's history stays for this page view.
    this.fromDatabase = reading.catch(() => undefined);
    return copied ? Promise.resolve() : reading;
  }

  /** Makes `stored`, with what this page view recorded that it lacks, the history. */
  _adopt(stored: readonly Interaction[], unstored: readonly Interaction[], fresh: readonly Interaction[], core: Core): void {
    // An interaction stored while the history was read is in both: counted once.
    const known = new Set(stored.map(keyOf));
    const kept = [...stored, ...unstored.filter((event) => !known.has(keyOf(event)))];
    for (const event of kept) known.add(keyOf(event));
    kept.sort((a, b) => a.at - b.at);
    this.visits = visitsIn(kept, core.config.now());
    this.events.splice(0, this.events.length, ...kept, ...fresh.filter((event) => !known.has(keyOf(event))));
    this._whole = true;
  }

  /**
   * The history to keep in the profile's copy, where it is whole and short:
   * of each interaction what conditions read, its type, item, features and
   * time. Not its context (a `context` condition reads the page view's), its
   * vector or its page, which would make each several times longer.
   */
  forCopy(): Interaction[] | undefined {
    if (!this._whole || this.events.length > HISTORY_IN_COPY) return undefined;
    return this.events.map(({ type, item, features, at }) => ({ type, item, features, at, context: {} }));
  }

  /** Forgets a feature, as the stored history does (privacy/visitor-data.ts). */
  forget(feature: string): void {
    this.events.forEach((event, at, events) => (events[at] = withoutFeature(event, feature)));
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
    this._erasures++;
    // Nothing is kept now: what this page view records from here on is the whole history.
    this._whole = true;
  }
}
