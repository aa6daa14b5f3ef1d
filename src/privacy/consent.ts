import type { ConsentControl, ConsentState } from '../types';
import type { Core } from '../core';
import type { GrantedBy, InteractionStore } from '../store/interaction-store';
import { databaseExists, deleteDatabase, openIndexedDBStore, IndexedDBStore, type LostBecause } from '../store/indexeddb';
import { MemoryStore } from '../store/memory';
import { ProfileCopy } from '../store/profile-copy';
import { erasedThisSession, listenForErase, pageWindow } from '../store/cross-tab';
import { warnDropped } from '../store/stored-records';
import { moveTo } from '../store/status';
import { warn } from '../errors';

/**
 * Consent, and the storage it opens: the transitions of store/status.ts. In
 * the default mode nothing is written until consent is granted; the database
 * is created only then, so on a later page view its existence is the record
 * of that consent. A tab never creates it on finding it: only a grant made in
 * that tab, or the site's own consent, creates it.
 *
 * The site's `consent: 'granted'` does not count, and what was stored on it
 * alone is deleted, where the browser sends Global Privacy Control
 * (https://privacycg.github.io/gpc-spec/), and after the visitor erased
 * everything earlier in this tab's session: then only `grant()` opens storage.
 */
export class Consent implements ConsentControl {
  state: ConsentState | 'denied';
  /** Who gave the consent the open database rests on. */
  _by: GrantedBy | undefined;
  /** The one open under way (at start or on a grant), so a banner that grants twice opens storage once. */
  _opening: Promise<void> | undefined;
  /** Erases so far, here or in another tab: an open that began before the latest lets go of what it opened. */
  _erasures = 0;
  /** The site's own word is no consent: Global Privacy Control, or an erase earlier in this session. */
  _siteWordVoid: boolean;
  /** The browser sends Global Privacy Control, and the site honours it: the site's word never counts. */
  readonly _privacySignal: boolean;
  /** The site's other tabs, which announce their erases. */
  _tabs: BroadcastChannel | undefined;
  /** The page's window, where storage is the page's own (cross-tab.ts). */
  readonly _view: Window | undefined;
  /** Ordering began from the profile's copy, before the database opened: slots need not wait for it. */
  _fromCopy = false;

  constructor(readonly _core: Core) {
    const { config } = _core;
    this._privacySignal =
      config.honourGlobalPrivacyControl && (config.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
    this._view = pageWindow(config);
    // An erase earlier in this session voids the site's word too: start() reads that, after opening storage.
    this._siteWordVoid = this._privacySignal;
    this.state = this._siteWordVoid ? 'required' : config.consent;
    if (this._view && config.storage !== 'memory') {
      // Written only while the database is open, so only with consent.
      const take = () =>
        _core.store.persistent && this._by
          ? { by: this._by, vector: _core.learner.vector.toJSON(), settings: _core.settings.records(config.now()), history: _core._historyForCopy?.() }
          : undefined;
      _core.copy = new ProfileCopy(this._view, config.namespace, take);
    }
  }

  /** Opens storage and writes what this page view has learned so far. */
  grant(): Promise<void> {
    const core = this._core;
    this.state = 'granted';
    erasedThisSession(this._view, core.config.namespace, false);
    // After the open under way, whose outcome decides what is left to do.
    if (this._opening) return this._opening.then(() => this.grant(), () => undefined);
    // Storage opened on the site's word: note that the visitor agreed too.
    if (core.store.persistent) return this._by === 'visitor' ? Promise.resolve() : this._recordVisitorGrant(core.store as IndexedDBStore);
    if ((core.status !== 'awaiting-consent' && core.status !== 'erased') || core.closed) return Promise.resolve();
    return this._openOnce('visitor', () => true).then(() => core.batcher.flush());
  }

  async deny(): Promise<void> {
    await this.erase();
    this.state = 'denied';
  }

  /** Opens storage at start-up if consent allows; else, or if it fails, the instance learns in memory. */
  async start(): Promise<void> {
    const { storage, indexedDB, namespace } = this._core.config;
    const persistent = storage !== 'memory';
    // Whether an open may create the database is asked only once it finds none, when the state below is known, and
    // again after any wait: an erase heard meanwhile withdrew the site's word.
    const create = () => this.state === 'granted';
    // On the site's word storage opens first, as its round trip is the longest wait before slots can be ordered.
    const opening = persistent && create() ? this._openOnce('site', create) : undefined;
    this._siteWordVoid ||= erasedThisSession(this._view, namespace);
    if (this._siteWordVoid) this.state = 'required';
    if (!persistent) return;
    this._fromCopy = this._useCopy();
    try {
      this._tabs = listenForErase(this._view, namespace, () => this._heardErase());
      // Where the browser cannot list its databases, an open that finds none creates none either.
      await (opening ?? ((await databaseExists(indexedDB!, namespace)) !== false && this._openOnce('site', create)));
    } catch (error) {
      moveTo(this._core, 'fallback');
      warn(__DEV__ ? 'storage is unavailable; learning for this page view only' : 'storage is unavailable', error);
    } finally {
      if (this._fromCopy && !this._core.store.persistent) this._dropCopy();
      // The database has answered: a part that starts from now on reads the history there, and stated text
      // filled from the copy's settings is filled again from the database's.
      this._core._copiedHistory = undefined;
      if (this._fromCopy) this._core._statedChanged?.();
    }
  }

  /**
   * Learns from the profile's copy (store/profile-copy.ts) until the database
   * answers, where there is one this page view may use: true if it did.
   */
  _useCopy(): boolean {
    const { copy, learner, settings } = this._core;
    const found = copy?.read();
    if (!found) return false;
    let vector;
    try {
      // A copy of a database the site's word alone created is void where that word is.
      vector = found.by === 'site' && this._siteWordVoid ? undefined : learner.rebuild(found.vector, []);
    } catch {
      // Damaged: the database still has the profile.
    }
    if (!vector) {
      copy!.remove();
      return false;
    }
    learner.adopt(vector, []);
    settings.useCopied(found.settings);
    this._core._copiedHistory = found.history;
    return true;
  }

  /**
   * The database did not open as the copy said it would (gone, or failing):
   * what the copy gave is dropped, with the copy, and this page view's own
   * interactions, kept in memory, are learned again from nothing.
   */
  _dropCopy(): void {
    const { copy, learner, settings, store } = this._core;
    copy?.remove();
    settings.dropCopied();
    learner.adopt(learner.rebuild(undefined, []), store instanceof MemoryStore ? store.events : []);
  }

  /** Resolves once an open under way has opened storage or failed: what erasing or forgetting must not overtake. */
  async _settled(): Promise<void> {
    await this._opening?.catch(() => undefined);
  }

  /** Deletes everything kept, stored and in memory; nothing is stored again until `grant()`, and other tabs are told. */
  async erase(): Promise<void> {
    const core = this._core;
    const { config } = core;
    // Let an open and a write under way finish first, so nothing lands after the deletion.
    await this._settled();
    core.batcher.cancel();
    await core.batcher.flushes;
    this._dropAll();
    if (config.storage === 'memory') return;
    moveTo(core, 'erased');
    if (config.indexedDB) await deleteDatabase(config.indexedDB, config.namespace);
    // Again, once deleted: another tab may have written its copy before hearing of the deletion.
    core.copy?.remove();
    // After the deletion: a tab whose open was queued behind it hears of it once that open is done.
    this._tabs?.postMessage('erased');
  }

  /**
   * Another tab erased everything (announced, or the database deleted under
   * this tab's connection): this tab forgets what it holds in memory too, and
   * stores nothing until the visitor grants consent in it. A database it
   * created on the site's word alone, after the erase began, is deleted again.
   */
  _heardErase(): void {
    const { store, config } = this._core;
    const recreated = store instanceof IndexedDBStore && store._createdBySite;
    this._dropAll();
    moveTo(this._core, 'erased');
    if (recreated) deleteDatabase(config.indexedDB!, config.namespace).catch(() => undefined);
  }

  /**
   * The connection ended without this tab closing it. Deleted, or closed by
   * the browser (the visitor cleared the site's data): as an erase. Upgraded
   * by a newer version in another tab: the data is still there, but not for
   * this version; this page view keeps what it learns in memory.
   */
  _lost(because: LostBecause, store: InteractionStore): void {
    const core = this._core;
    if (because === 'erased') return this._heardErase();
    // Lost before it was in use: the open under way fails on its own.
    if (store !== core.store) return;
    core.store = new MemoryStore(core.config.maxEvents);
    moveTo(core, 'closed');
    // What waited to be written goes to memory now, where export() finds it.
    core.batcher.flushQuietly();
  }

  /** Forgets everything this page view holds, and withdraws consent until the visitor grants it again. */
  _dropAll(): void {
    const core = this._core;
    const { batcher, config } = core;
    batcher.cancel();
    batcher.pending.length = 0;
    core.items.clear();
    core.explorer._draws.clear();
    core.settings.clear();
    core.learner.reset();
    core.store.close();
    core.store = new MemoryStore(config.maxEvents);
    core.copy?.remove();
    core._copiedHistory = undefined;
    this._erasures++;
    this.state = 'required';
    this._siteWordVoid = true;
    erasedThisSession(this._view, config.namespace, true);
    core._erased?.();
    core.showSiteOrder?.();
  }

  async _recordVisitorGrant(store: IndexedDBStore): Promise<void> {
    await store.recordGrant('visitor', this._core.config.now());
    this._by = 'visitor';
  }

  _openOnce(grantedBy: GrantedBy, create: () => boolean): Promise<void> {
    return (this._opening ??= this._open(grantedBy, create).finally(() => (this._opening = undefined)));
  }

  /**
   * Opens the database, creating it only with `create`, and adopts what it
   * holds. An erase heard meanwhile wins: what was opened is let go (and
   * deleted again if this open created it on the site's word).
   */
  async _open(grantedBy: GrantedBy, create: () => boolean): Promise<void> {
    const core = this._core;
    const { config } = core;
    const erasures = this._erasures;
    moveTo(core, 'opening');
    let opened: IndexedDBStore | undefined;
    try {
      opened = await openIndexedDBStore(config, grantedBy, create, (because, store) => this._lost(because, store));
      // Gone since it was found: the visitor erased it in another tab.
      if (!opened) return moveTo(core, this._erasures === erasures ? 'awaiting-consent' : 'erased');
      if (await this._adopt(opened, grantedBy, erasures)) return;
      opened.close();
      if (this._erasures !== erasures && opened._createdBySite) await deleteDatabase(config.indexedDB!, config.namespace);
    } catch (error) {
      opened?.close();
      // An erase heard meanwhile closed the connection under the open: it is no failure of storage.
      if (this._erasures !== erasures) return;
      moveTo(core, 'fallback');
      throw error;
    }
  }

  /**
   * Adopts the profile with the stored events it does not hold yet, reading
   * only: the page waits for this. Writing the caught-up profile back, and
   * trimming the log, follow off that path. What this page view kept in
   * memory until now moves into the database with the next flush. False,
   * leaving the store in use as it was, if an erase was heard meanwhile, or
   * if the site's word no longer counts and the database rested on it alone,
   * which is then deleted.
   */
  async _adopt(opened: IndexedDBStore, grantedBy: GrantedBy, erasures: number): Promise<boolean> {
    const core = this._core;
    const { config, learner, batcher } = core;
    // Until the switch below, interactions keep going to the store in use: this page view's memory.
    const before = core.store;
    const unstored = () => [...(before instanceof MemoryStore ? before.events : []), ...batcher.pending];
    const { stored, events, grantedBy: storedBy, settings } = await opened.read();
    this._by = storedBy ?? grantedBy;
    if (this._by !== 'visitor' && grantedBy === 'visitor') await this._recordVisitorGrant(opened);
    else if (this._by !== 'visitor' && this._siteWordVoid) {
      core.copy?.remove();
      opened.close();
      await deleteDatabase(config.indexedDB!, config.namespace);
      moveTo(core, 'awaiting-consent');
      return false;
    } else if (!storedBy) {
      // Unreadable: the database's existence still says consent was given; who gave it is written anew, and said
      // once written, as the catch-up says its drops: a page view left before then repairs nothing.
      await opened.recordGrant(grantedBy, config.now());
      warnDropped([__DEV__ ? 'the consent record (written anew)' : 'consent']);
    }
    await core.settings.adopt(settings, opened, config.now());
    if (this._erasures !== erasures) return false;
    try {
      learner.adopt(learner.rebuild(stored, events), unstored());
      // Chained, so it runs after the switch: by then what memory held waits in the batcher.
      batcher.flushes = batcher.flushes
        .then(() => learner.catchUp(opened, () => batcher.pending))
        .catch((error: unknown) => warn('could not store the profile', error));
    } catch {
      // Unreadable: the catch-up rebuilds it from the event log.
      await learner.catchUp(opened, unstored);
      // An erase heard meanwhile: what was rebuilt is not this page view's to keep.
      if (this._erasures !== erasures) return learner.reset(), false;
    }
    // The switch, in one turn: what memory held moves into the batcher, and the next flush writes it.
    if (before instanceof MemoryStore) batcher.pending.unshift(...before.takeEvents());
    core.store = opened;
    moveTo(core, 'indexeddb');
    this.state = 'granted';
    batcher.schedule();
    for (const onOpen of core.onStorageOpen) onOpen(opened);
    return true;
  }
}
