import type { ConsentControl, ConsentState } from '../types';
import type { Core } from '../core';
import type { GrantedBy, InteractionStore } from '../store/interaction-store';
import { databaseExists, deleteDatabase, openIndexedDBStore } from '../store/indexeddb';
import { MemoryStore } from '../store/memory';
import { warn } from '../errors';

/**
 * Consent, and the storage it opens. In the default mode nothing is written
 * until consent is granted; the database is created only then, so on a later
 * page view its existence is the record of that consent.
 *
 * Global Privacy Control (https://privacycg.github.io/gpc-spec/): where the
 * browser sends it, the site's own `consent: 'granted'` does not count, and
 * only the visitor's `grant()` opens storage; what was stored on the site's
 * word alone is deleted.
 */
export class Consent implements ConsentControl {
  state: ConsentState | 'denied';
  /** Who gave the consent the open database rests on. */
  _by: GrantedBy | undefined;
  /** The one grant in progress, so a banner that grants twice opens storage once. */
  _granting: Promise<void> | undefined;
  readonly _honoursPrivacySignal: boolean;

  constructor(readonly _core: Core) {
    const { config } = _core;
    this._honoursPrivacySignal =
      config.honourGlobalPrivacyControl && (config.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
    this.state = this._honoursPrivacySignal ? 'required' : config.consent;
  }

  /** Opens storage and writes what this page view has learned so far. */
  grant(): Promise<void> {
    const core = this._core;
    this.state = 'granted';
    // Storage opened on the site's word: note that the visitor agreed too.
    if (core.store.persistent && this._by !== 'visitor') return this._recordVisitorGrant(core.store);
    if (core.status !== 'awaiting-consent' || core.closed) return Promise.resolve();
    return (this._granting ??= this._open('visitor').then(
      () => core.batcher.flush(),
      (error: unknown) => {
        core.status = 'fallback';
        throw error;
      },
    ));
  }

  async deny(): Promise<void> {
    await this.erase();
    this.state = 'denied';
  }

  /** Opens storage at start-up if consent allows; else, or if it fails, the instance learns in memory. */
  async start(): Promise<void> {
    const { storage, indexedDB, namespace } = this._core.config;
    try {
      // Where there is no IndexedDB, the options chose memory.
      if (storage === 'memory') return;
      if (this.state === 'granted' || (await databaseExists(indexedDB!, namespace))) await this._open('site');
    } catch (error) {
      this._core.status = 'fallback';
      warn(__DEV__ ? 'storage is unavailable; learning for this page view only' : 'storage is unavailable', error);
    }
  }

  /** Deletes everything kept, stored and in memory; nothing is stored again until `grant()`. */
  /** Resolves once a grant under way has opened storage or failed: what erasing or forgetting must not overtake. */
  async _settled(): Promise<void> {
    await this._granting?.catch(() => undefined);
  }

  async erase(): Promise<void> {
    const core = this._core;
    const { batcher, config } = core;
    // Let a grant and a write under way finish first, so nothing lands after the deletion.
    await this._settled();
    batcher.cancel();
    await batcher.flushes;
    batcher.pending.length = 0;
    core.items.clear();
    core.explorer._draws.clear();
    core.settings.clear();
    core.learner.reset();
    core.store.close();
    core.store = new MemoryStore(config.maxEvents);
    this._granting = undefined;
    this.state = 'required';
    if (config.storage === 'memory') return;
    core.status = 'awaiting-consent';
    if (config.indexedDB) await deleteDatabase(config.indexedDB, config.namespace);
  }

  async _recordVisitorGrant(store: InteractionStore): Promise<void> {
    await store.recordVisitorGrant(this._core.config.now());
    this._by = 'visitor';
  }

  /**
   * Opens the database and adopts its profile with the stored events it does
   * not hold yet, reading only: the page waits for this. Writing the caught-up
   * profile back, and trimming the log, follow off that path. What this page
   * view kept in memory until now moves into the database with the next flush.
   */
  async _open(grantedBy: GrantedBy): Promise<void> {
    const core = this._core;
    const { config, learner, batcher } = core;
    const opened = await openIndexedDBStore(config, grantedBy);
    // Until the switch below, interactions keep going to the store in use: this page view's memory.
    const before = core.store;
    const unstored = () => [...(before instanceof MemoryStore ? before.events : []), ...batcher.pending];
    try {
      const { stored, events, grantedBy: storedBy, settings } = await opened.read();
      await core.settings.adopt(settings, opened, config.now());
      this._by = storedBy ?? grantedBy;
      if (this._by !== 'visitor' && grantedBy === 'visitor') await this._recordVisitorGrant(opened);
      else if (this._by !== 'visitor' && this._honoursPrivacySignal) {
        opened.close();
        await deleteDatabase(config.indexedDB!, config.namespace);
        return;
      }
      try {
        learner.adopt(learner.rebuild(stored, events), unstored());
        // Chained, so it runs after the switch: by then what memory held waits in the batcher.
        batcher.flushes = batcher.flushes
          .then(() => learner.catchUp(opened, () => batcher.pending))
          .catch((error: unknown) => warn('could not store the profile', error));
      } catch {
        // Unreadable: the catch-up rebuilds it from the event log.
        await learner.catchUp(opened, unstored);
      }
    } catch (error) {
      opened.close();
      throw error;
    }
    // The switch, in one turn: what memory held moves into the batcher, and the next flush writes it.
    if (before instanceof MemoryStore) batcher.pending.unshift(...before.takeEvents());
    core.store = opened;
    core.status = 'indexeddb';
    this.state = 'granted';
    batcher.schedule();
    for (const onOpen of core.onStorageOpen) onOpen(opened);
  }
}
