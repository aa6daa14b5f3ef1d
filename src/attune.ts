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
import { InteractionStore, databaseExists } from './store/database';
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
  /** @internal */ readonly _config: Config;
  /** @internal */ readonly _doc: Document | undefined;
  /** @internal */ readonly _pageContext: Context;
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

  constructor(config: Config) {
    this._config = config;
    const env = config.environment;
    this._doc = env.document ?? (typeof document === 'undefined' ? undefined : document);
    const nav = env.navigator ?? (typeof navigator === 'undefined' ? undefined : navigator);
    this._pageContext = { ...pageContext(this._doc, nav), ...config.context };
    this._vector = this._emptyVector();
    this._consent = config.consent;
    this._status = config.storage === 'memory' ? 'memory' : 'awaiting-consent';
    const instance = this;
    this.consent = {
      get state() {
        return instance._consent;
      },
      grant: () => this._grant(),
    };

    // Both start before storage is read, so slots parsed meanwhile are held
    // back from painting and early clicks are not missed.
    const doc = this._doc;
    if (doc && config.autoApply) {
      this._watcher = watchSlots(doc, (slot, personal) => this._orderSlot(slot, personal), config.renderBudgetMs);
    }
    if (doc && config.autoTrack) {
      this._tracker = startAutoTrack(doc, (type, details) => this._trackFromPage(type, details), env.now);
      doc.addEventListener('visibilitychange', this._onVisibility);
      doc.defaultView?.addEventListener('pagehide', this._onPageHide);
    }
  }

  get status(): StorageStatus {
    return this._status;
  }

  track(type: InteractionType, details?: TrackDetails): void {
    if (this._closed) throw new Error('[attune] track() after close()');
    const now = this._config.environment.now();
    const interaction = toInteraction(type, details, this._config.interactionWeights, now, (item) =>
      this._remembered.get(item),
    );
    // Imported history gets the time buckets of its own moment, not this page's device or referrer.
    const pageContext = details?.at === undefined ? this._pageContext : this._config.context;
    interaction.context = { ...timeContext(interaction.at), ...pageContext, ...interaction.context };
    if (interaction.item !== undefined && interaction.features.length > 0) {
      this._remember(interaction.item, interaction.features);
    }
    this._learn(this._vector, interaction);
    this._pending.push(interaction);
    // Where nothing can be stored, memory holds at most the log's cap.
    if (this._pending.length > this._config.maxEvents) this._pending.shift();
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
    const now = this._config.environment.now();
    const context = options.context === undefined ? this._currentContext(now) : checkContext(options.context, 'rank()');
    const settings = { vector: this._vector, context, now, strength: this._config.strength };
    return rankCandidates(candidates, options.limit === undefined ? settings : { ...settings, limit: options.limit });
  }

  apply(root?: ParentNode): void {
    const scope = root ?? this._doc;
    if (typeof scope?.querySelectorAll !== 'function') fail('apply()', __DEV__ ? 'root must be a document or element' : 'root', scope);
    for (const slot of findSlots(scope)) this._orderSlot(slot, true);
  }

  profile(): LearnedFeature[] {
    return this._vector.features(this._config.environment.now());
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
    this._watcher?.stop();
    this._tracker?.pageHidden();
    this._tracker?.stop();
    this._doc?.removeEventListener('visibilitychange', this._onVisibility);
    this._doc?.defaultView?.removeEventListener('pagehide', this._onPageHide);
    try {
      await this.flush();
    } finally {
      this._store?.close();
      this._store = undefined;
    }
  }

  /** @internal Opens storage if the visitor's consent allows it, then lets waiting slots be ordered. */
  async _load(): Promise<void> {
    try {
      const factory = this._indexedDB();
      if (this._config.storage === 'memory') return;
      if (!factory) {
        this._status = 'fallback';
        warn('IndexedDB is not available; learning for this page view only');
        return;
      }
      if (this._consent === 'granted') {
        await this._openStore(factory);
      } else if (await databaseExists(factory, this._config.namespace)) {
        // The database exists only if consent was given on an earlier visit; its record says so.
        await this._openStore(factory);
        if (!(await this._store!.hasConsent())) {
          this._store!.close();
          this._store = undefined;
          this._vector = this._emptyVector();
          this._replayPending();
          this._status = 'awaiting-consent';
        } else {
          this._consent = 'granted';
        }
      }
    } catch (error) {
      this._store = undefined;
      this._status = 'fallback';
      warn('IndexedDB failed to open; learning for this page view only', error);
    } finally {
      this._watcher?.profileReady();
    }
  }

  /** @internal */
  async _grant(): Promise<void> {
    if (this._consent === 'granted' && this._status !== 'awaiting-consent') return;
    this._consent = 'granted';
    const factory = this._indexedDB();
    if (this._config.storage === 'memory' || !factory || this._closed) return;
    if (!this._store) await this._openStore(factory);
    await this._store!.recordConsent(this._config.environment.now());
    await this.flush();
  }

  /** @internal */
  _indexedDB(): IDBFactory | undefined {
    return this._config.environment.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  }

  /**
   * @internal Opens the database and adopts its profile, with any stored events
   * it does not hold yet. A profile that cannot be read is rebuilt from the
   * event log, the source of truth, so a corrupt record costs nothing the
   * visitor did.
   */
  async _openStore(factory: IDBFactory): Promise<void> {
    const { namespace, maxEvents, maxEventAgeMs } = this._config;
    const store = await InteractionStore.open(factory, namespace, { maxEvents, maxEventAgeMs });
    const { vector: stored, events } = await store.readProfile();
    let vector: PreferenceVector;
    try {
      vector = this._learnAll(stored, events);
    } catch {
      warn('the stored profile was unreadable; rebuilt it from the stored interactions');
      vector = this._learnAll(undefined, await store.readEvents());
    }
    this._store = store;
    this._status = 'indexeddb';
    this._vector = vector;
    this._replayPending();
    this._scheduleFlush();
  }

  /**
   * @internal Stores the pending interactions as one batch, then brings the
   * stored profile up to date with them (and with what other tabs stored) and
   * adopts it. Interactions tracked meanwhile are folded in again. The events
   * are safe once appended; a failed profile update is redone on the next one.
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
      this._pending.splice(0, Math.max(0, this._pending.length - this._config.maxEvents));
      throw error;
    }
    let merged = this._vector;
    try {
      await store.catchUp((stored, events) => (merged = this._learnAll(stored, events)).toJSON(), this._config.environment.now());
    } catch (error) {
      warn('stored the interactions, but could not update the stored profile; it catches up on the next visit', error);
      return;
    }
    this._vector = merged;
    this._replayPending();
  }

  /** @internal A stored vector (or a new one) with the events learned; throws if the stored one is corrupt. */
  _learnAll(stored: unknown, events: readonly Interaction[]): PreferenceVector {
    const { halfLifeMs, maxFeatures, contextKeys } = this._config;
    const vector =
      stored === undefined
        ? this._emptyVector()
        : PreferenceVector.fromJSON(stored, halfLifeMs, maxFeatures, contextKeys);
    for (const interaction of events) this._learn(vector, interaction);
    return vector;
  }

  /** @internal */
  _scheduleFlush(): void {
    if (!this._store || this._timer !== undefined || this._pending.length === 0) return;
    this._timer = setTimeout(() => void this._flushQuietly(), BATCH_DELAY_MS);
  }

  /** @internal Background flushes report failures instead of rejecting into the page. */
  async _flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      warn('could not store interactions; keeping them in memory to retry', error);
    }
  }

  /**
   * @internal Interactions the page itself reports: bad markup is a warning,
   * never an exception. A click is stored at once, as it often leaves the page.
   */
  _trackFromPage(type: InteractionType, details: TrackDetails): void {
    if (this._closed) return;
    try {
      this.track(type, details);
      if (type === 'click') void this._flushQuietly();
    } catch (error) {
      warn(error instanceof Error ? error.message.replace(/^\[attune\] /, '') : String(error));
    }
  }

  /** @internal */
  _orderSlot(slot: Element, personal: boolean): void {
    const rank = (candidates: Candidate[]) =>
      personal ? this.rank(candidates) : rankCandidates(candidates, { vector: this._vector, context: {}, now: 0, strength: 0 });
    orderSlot(slot, rank, (item, features) => this._remember(item, features));
  }

  /** @internal */
  _remember(item: string, features: string[]): void {
    this._remembered.delete(item);
    this._remembered.set(item, features);
    if (this._remembered.size > MAX_REMEMBERED_ITEMS) {
      this._remembered.delete(this._remembered.keys().next().value!);
    }
  }

  /** @internal */
  _currentContext(now: number): Context {
    return { ...timeContext(now), ...this._pageContext };
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
  _emptyVector(): PreferenceVector {
    const { halfLifeMs, maxFeatures, contextKeys } = this._config;
    return new PreferenceVector(halfLifeMs, maxFeatures, contextKeys);
  }

  /** @internal */
  readonly _onVisibility = (): void => {
    if (this._doc?.visibilityState === 'hidden') this._onPageHide();
    else this._tracker?.pageShown();
  };

  /** @internal Store what the visit taught before the page may be discarded. */
  readonly _onPageHide = (): void => {
    this._tracker?.pageHidden();
    void this._flushQuietly();
  };
}
