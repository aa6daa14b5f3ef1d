import type { HoldoutGroup, Interaction, StatedValue } from '../types';
import type { SerializedVector } from '../profile/preference-vector';

/** What the visitor keeps across page views beside the profile: a pause, the surprise dial and what they stated with `set()`, and the holdout group drawn for them. */
export type VisitorSettingName = 'paused' | 'surprise' | 'holdout' | 'stated';

/** A visitor setting as stored: when it was set, and its level, group or stated values where it has them. */
export interface StoredSetting {
  at: number;
  level?: number;
  group?: HoldoutGroup;
  values?: Record<string, StatedValue>;
}

/** Who gave the consent the database was created on: the visitor through `grant()`, or the site's `consent: 'granted'`. */
export type GrantedBy = 'visitor' | 'site';

/** Rebuilds a profile from a stored one (unchecked: it may be corrupt) and events; throws if the stored one is corrupt. */
export type Relearn = (stored: unknown, events: Interaction[]) => SerializedVector;

/**
 * Where a visitor's interactions, profile and settings are kept: IndexedDB on
 * the device once consent allows it (indexeddb.ts), else this page view's
 * memory (memory.ts). Every part of an instance writes through this interface,
 * whichever it is, on the critical path. The whole history, which only the
 * visitor's controls read, is reached through the store in stored-history.ts.
 */
export interface InteractionStore {
  /** True for storage that outlives the page view: its writes are batched. */
  readonly persistent: boolean;
  /**
   * Adds a batch of events, all or none: in IndexedDB one write-only
   * transaction, committed at once, so it still lands when the page is being
   * left (`leaving`), when nothing of this tab's may hold it back.
   */
  append(batch: readonly Interaction[], leaving?: boolean): Promise<void>;
  /**
   * Folds the events the stored profile does not hold yet (this tab's last
   * batch and any other tab's) into it with `relearn`, writes it back, and
   * trims the event log to its caps, all in one transaction. `relearn` gets the
   * stored vector unchecked and throws if it is corrupt; it is then rebuilt
   * from the whole log, the source of truth, so a corrupt record costs nothing
   * the visitor did. Memory, which learns as interactions arrive, has nothing to catch up.
   */
  catchUp(relearn: Relearn): Promise<void>;
  /** Keeps a visitor's setting across page views, or clears it. */
  keep(setting: VisitorSettingName, value: StoredSetting | undefined): Promise<void>;
  close(): void;
}
