import type {
  Attune,
  AttuneOptions,
  Candidate,
  ConsentControl,
  ConsentState,
  Context,
  Interaction,
  InteractionType,
  LearnedFeature,
  RankOptions,
  RankedItem,
  StorageStatus,
  TrackDetails,
} from './types';
import { resolveOptions, type Config } from './options';
import { checkContext, checkFeature, fail, toInteraction, weightOf } from './signals/interaction';
import { pageContext, timeContext } from './signals/context';
import { startAutoTrack, type AutoTracker } from './signals/auto-track';
import { databaseExists, openStore, type InteractionStore } from './store/database';
import { PreferenceVector } from './profile/preference-vector';
import { rankCandidates } from './rank/rank';
import { findSlots, orderSlot } from './dom/slots';
import { watchSlots, type SlotWatcher } from './dom/watch';
import { warn } from './warn';

/** Interactions wait this long in memory so a burst of them is one transaction. */
const BATCH_DELAY_MS = 1000;
/** Items whose features the page has shown, so `like(id)` works without repeating them. */
const MAX_REMEMBERED_ITEMS = 2000;

/**
 * Creates an Attune instance and resolves once the visitor's stored profile is
 * loaded (or storage turned out to be unavailable, in which case it learns in
 * memory and says so in `status`).
 *
 * @param options - see {@link AttuneOptions}; a bad value throws a TypeError naming it.
 * @returns the ready instance.
 * @example
 * ```ts
 * const attune = await createAttune({ namespace: 'news', consent: 'granted' });
 * attune.track('click', { item: 'a17', features: ['topic:tennis'] });
 * const ranked = attune.rank([{ id: 'a1', features: ['topic:golf'] }, { id: 'a17', features: ['topic:tennis'] }]);
 * ```
 */
export async function createAttune(options: AttuneOptions = {}): Promise<Attune> {
  const instance = new AttuneInstance(resolveOptions(options));
  await instance._load();
  return instance;
}

class AttuneInstance implements Attune {
  /** @internal Buckets that hold for the whole page view, plus the site's own context. */
  readonly _pageContext: Context;
  /** @internal */ _vector: PreferenceVector;
  /** @internal Tracked but not yet stored, oldest first. */
  _pending: Interaction[] = [];
  /** @internal */ _store: InteractionStore | undefined;
  /** @internal */ _status: StorageStatus;
  /** @internal */ _consent: ConsentState;
  /** @internal */ _remembered = new Map<string, string[]>();
  /** @internal */ _timer: ReturnType<typeof setTimeout> | undefined;
  /** @internal Flushes run one after another. */
  _flushes: Promise<void> = Promise.resolve();
  /** @internal */ _watcher: SlotWatcher | undefined;
  /** @internal */ _tracker: AutoTracker | undefined;
  /** @internal */ _closed = false;
  readonly consent: ConsentControl;

  constructor(/** @internal */ readonly _config: Config) {
    const doc = _config.document;
    this._pageContext = { ...pageContext(doc, _config.navigator), ..._config.context };
    this._vector = this._learnAll(undefined, []);
    this._consent = _config.consent;
    this._status = _config.storage === 'memory' ? 'memory' : 'awaiting-consent';
    const instance = this;
    this.consent = {
      get state() {
        return instance._consent;
      },
      grant: () => this._grant(),
    };

    // Both start before storage is read, so slots parsed meanwhile are held
    // back from painting and early clicks are not missed.
    if (doc && _config.autoApply) {
      this._watcher = watchSlots(doc, (slot, personal) => this._orderSlot(slot, personal), _config.renderBudget);
    }
    if (doc && _config.autoTrack) {
      this._tracker = startAutoTrack(doc, (type, details) => this._trackFromPage(type, details), _config.now);
      doc.addEventListener('visibilitychange', this._onVisibility);
      doc.defaultView?.addEventListener('pagehide', this._onPageHide);
    }
  }

  get status(): StorageStatus {
    return this._status;
  }

  track(type: InteractionType, details?: TrackDetails): void {
    if (this._closed) throw new Error('[attune] track() after close()');
    const { interactionWeights, context, maxEvents, now } = this._config;
    const interaction = toInteraction(type, details, interactionWeights, now(), (item) => this._remembered.get(item));
    // Imported history gets the time buckets of its own moment, not this page's device or referrer.
    const page = details?.at === undefined ? this._pageContext : context;
    interaction.context = { ...timeContext(interaction.at), ...page, ...interaction.context };
    if (interaction.item !== undefined && interaction.features.length > 0) {
      this._remember(interaction.item, interaction.features);
    }
    this._learn(this._vector, interaction);
    // Where nothing can be stored, memory holds at most the log's cap.
    if (this._pending.push(interaction) > maxEvents) this._pending.shift();
    this._scheduleFlush();
  }

  rate(item: string, stars: number, details?: Omit<TrackDetails, 'item' | 'value'>): void {
    this.track('rate', { ...details, item, value: stars });
  }

  like(item: string, details?: Omit<TrackDetails, 'item'>): void {
    this.track('like', { ...details, item });
  }

  dislike(item: string, details?: Omit<TrackDetails, 'item'>): void {
    this.track('dislike', { ...details, item });
  }

  prefer(feature: string, weight: number): void {
    this.track('prefer', { features: [checkFeature(feature, 'prefer()')], value: weight });
  }

  rank(candidates: readonly Candidate[], options: RankOptions = {}): RankedItem[] {
    if (typeof options !== 'object' || options === null) fail('rank()', 'options', options);
    const now = this._config.now();
    return rankCandidates(candidates, {
      vector: this._vector,
      context:
        options.context === undefined
          ? { ...timeContext(now), ...this._pageContext }
          : checkContext(options.context, 'rank()'),
      now,
      strength: this._config.strength,
      limit: options.limit,
    });
  }

  apply(root: ParentNode | undefined = this._config.document): void {
    if (typeof root?.querySelectorAll !== 'function') {
      fail('apply()', __DEV__ ? 'root must be a document or element' : 'root', root);
    }
    for (const slot of findSlots(root)) this._orderSlot(slot, true);
  }

  profile(): LearnedFeature[] {
    return this._vector.features(this._config.now());
  }

  flush(): Promise<void> {
    clearTimeout(this._timer);
    this._timer = undefined;
    const run = this._flushes.then(() => this._commitPending());
    this._flushes = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this._closed) return;
    this._closed = true;
    const doc = this._config.document;
    this._watcher?.stop();
    this._tracker?.pageHidden();
    this._tracker?.stop();
    doc?.removeEventListener('visibilitychange', this._onVisibility);
    doc?.defaultView?.removeEventListener('pagehide', this._onPageHide);
    try {
      await this.flush();
    } finally {
      this._store?.close();
      this._store = undefined;
    }
  }

  /**
   * @internal Opens storage if the visitor's consent allows it, then lets
   * waiting slots be ordered. The database is created only once consent is
   * given, so on a later page view its existence is the record of that consent.
   */
  async _load(): Promise<void> {
    const { storage, consent, indexedDB, namespace } = this._config;
    try {
      if (storage === 'memory') return;
      if (!indexedDB) throw new Error('IndexedDB is not available');
      if (consent === 'granted' || (await databaseExists(indexedDB, namespace))) await this._openStore();
    } catch (error) {
      this._status = 'fallback';
      warn(__DEV__ ? 'storage is unavailable; learning for this page view only' : 'storage is unavailable', error);
    } finally {
      this._watcher?.profileReady();
    }
  }

  /** @internal Opens storage and writes what this page view has learned so far. */
  async _grant(): Promise<void> {
    this._consent = 'granted';
    if (this._status !== 'awaiting-consent' || this._closed) return;
    await this._openStore();
    await this.flush();
  }

  /**
   * @internal Opens the database and adopts its profile, caught up with the
   * stored events it does not hold yet.
   */
  async _openStore(): Promise<void> {
    const store = await openStore(this._config);
    await this._catchUp(store);
    this._store = store;
    this._status = 'indexeddb';
    this._consent = 'granted';
    this._scheduleFlush();
  }

  /**
   * @internal Stores the pending interactions as one batch, then brings the
   * stored profile up to date with them (and with what other tabs stored) and
   * adopts it. The events are safe once appended; a failed profile update is
   * redone on the next one.
   */
  async _commitPending(): Promise<void> {
    const store = this._store;
    if (!store || this._pending.length === 0) return;
    const batch = this._pending.splice(0);
    try {
      await store.append(batch);
    } catch (error) {
      // Keep the batch for the next try; memory never holds more than the log's cap.
      this._pending.unshift(...batch);
      this._pending.splice(0, this._pending.length - this._config.maxEvents);
      throw error;
    }
    try {
      await this._catchUp(store);
    } catch (error) {
      warn(__DEV__ ? 'stored the interactions, but not the profile; it catches up on the next visit' : 'could not store the profile', error);
    }
  }

  /**
   * @internal Brings the stored profile up to date from the event log and
   * adopts it; interactions tracked but not yet stored are folded in again.
   */
  async _catchUp(store: InteractionStore): Promise<void> {
    let merged = this._vector;
    await store.catchUp((stored, events) => (merged = this._learnAll(stored, events)).toJSON());
    this._vector = merged;
    this._replayPending();
  }

  /** @internal A stored vector (or a new one) with the events learned; throws if the stored one is corrupt. */
  _learnAll(stored: unknown, events: readonly Interaction[]): PreferenceVector {
    const { halfLife, maxFeatures, contextKeys } = this._config;
    const vector =
      stored === undefined
        ? new PreferenceVector(halfLife, maxFeatures, contextKeys)
        : PreferenceVector.fromJSON(stored, halfLife, maxFeatures, contextKeys);
    for (const interaction of events) this._learn(vector, interaction);
    return vector;
  }

  /** @internal */
  _learn(vector: PreferenceVector, interaction: Interaction): void {
    vector.learn(interaction, weightOf(interaction, this._config.interactionWeights));
  }

  /** @internal */
  _replayPending(): void {
    for (const interaction of this._pending) this._learn(this._vector, interaction);
  }

  /** @internal */
  _scheduleFlush(): void {
    if (this._store && this._timer === undefined && this._pending.length) {
      this._timer = setTimeout(this._flushQuietly, BATCH_DELAY_MS);
    }
  }

  /** @internal Background flushes report failures instead of rejecting into the page. */
  readonly _flushQuietly = (): void => {
    this.flush().catch((error: unknown) =>
      warn(__DEV__ ? 'could not store interactions; keeping them in memory to retry' : 'could not store interactions', error),
    );
  };

  /**
   * @internal Interactions the page itself reports: bad markup is a warning,
   * never an exception. A click is stored at once, as it often leaves the page.
   */
  _trackFromPage(type: InteractionType, details: TrackDetails): void {
    if (this._closed) return;
    try {
      this.track(type, details);
      if (type === 'click') this._flushQuietly();
    } catch (error) {
      warn((error as Error).message.replace('[attune] ', ''));
    }
  }

  /** @internal In the site's order until the profile is loaded, then for this visitor. */
  _orderSlot(slot: Element, personal: boolean): void {
    orderSlot(
      slot,
      (candidates) =>
        personal ? this.rank(candidates) : rankCandidates(candidates, { vector: this._vector, context: {}, now: 0, strength: 0 }),
      (item, features) => this._remember(item, features),
    );
  }

  /** @internal */
  _remember(item: string, features: string[]): void {
    this._remembered.delete(item);
    if (this._remembered.set(item, features).size > MAX_REMEMBERED_ITEMS) {
      this._remembered.delete(this._remembered.keys().next().value!);
    }
  }

  /** @internal */
  readonly _onVisibility = (): void => {
    if (this._config.document?.visibilityState === 'hidden') this._onPageHide();
    else this._tracker?.pageShown();
  };

  /** @internal Store what the visit taught before the page may be discarded. */
  readonly _onPageHide = (): void => {
    this._tracker?.pageHidden();
    this._flushQuietly();
  };
}
