import type {
  Attune,
  AttuneExport,
  AttuneOptions,
  Candidate,
  ConsentState,
  Interaction,
  InteractionType,
  RankOptions,
  RankedItem,
  StorageStatus,
  TrackDetails,
} from './types';
import { between, isCalibration, isCaps, isSeen, resolveOptions } from './options';
import { toInteraction, weightOf } from './signals/interaction';
import { checkContext, checkFeatures } from './limits';
import { AttuneError, detailOf, fail, warn } from './errors';
import { pageContext, timeContext } from './signals/context';
import { startAutoTrack } from './signals/auto-track';
import { databaseExists, deleteDatabase, openStore, type GrantedBy, type InteractionStore } from './store/database';
import { PreferenceVector } from './profile/preference-vector';
import { DenseProfile } from './profile/dense';
import { loadModel } from './model/load';
import type { Model } from './model/format';
import { rankCandidates, type RankSettings, type Seen } from './rank/rank';
import type { Rerank } from './rank/rerank';
import { Explorer } from './rank/explore';
import { surpriseLevel, surpriseSettings } from './rank/surprise';
import { findSlots, orderSlot } from './dom/slots';
import { watchSlots } from './dom/watch';
import { observeDocument } from './dom/observe-document';
import { isSensitive } from './privacy/sensitive';
import { explainReasons } from './privacy/explain';
import { encodeReport, reportedIndex, sendReport } from './privacy/report';

/** Interactions wait this long in memory so a burst of them is one transaction. */
const BATCH_DELAY_MS = 1000;
/**
 * Items remembered: their features as the page showed them, so `like(id)`
 * works without repeating them, and their latest reasons, for `explain()`.
 */
const MAX_REMEMBERED_ITEMS = 2000;
/** A report names one of the visitor's few strongest interests, if the site declared it. */
const REPORTED_INTERESTS = 5;
/** How many first places of each ranking `explain()` can speak for. */
const EXPLAINED_PLACES = 100;

/** A uniform number in [0, 1), from the platform's cryptographic generator where there is one: privacy noise must not be predictable. */
function uniformRandom(): number {
  return globalThis.crypto?.getRandomValues ? globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32 : Math.random();
}

/** Sets `key` as the newest entry of a map that keeps the latest MAX_REMEMBERED_ITEMS. */
function keepNewest<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  if (map.set(key, value).size > MAX_REMEMBERED_ITEMS) map.delete(map.keys().next().value!);
}

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
  const config = resolveOptions(options);
  const { document: doc, now, maxEvents } = config;
  /** Buckets that hold for the whole page view, plus the site's own context. */
  const pageBuckets = { ...pageContext(doc, config.navigator), ...config.context };
  /** The site's model, once loaded; until then, and if it fails, ranking uses features alone. */
  let model: Model | undefined;
  let vector = learnAll(undefined, []);
  /** Tracked but not yet stored, oldest first. */
  const pending: Interaction[] = [];
  let store: InteractionStore | undefined;
  let status: StorageStatus = config.storage === 'memory' ? 'memory' : 'awaiting-consent';
  /**
   * Global Privacy Control (https://privacycg.github.io/gpc-spec/): where the
   * browser sends it, the site's own `consent: 'granted'` does not count, and
   * only the visitor's `consent.grant()` opens storage.
   */
  const honoursPrivacySignal =
    config.honourGlobalPrivacyControl && (config.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
  let consent: ConsentState | 'denied' = honoursPrivacySignal ? 'required' : config.consent;
  const remembered = new Map<string, string[]>();
  /** The latest ranked place of each item a page can show, for explain(): its reasons are worded only if asked for. */
  const lastPlaces = new Map<string, RankedItem>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Flushes run one after another. */
  let flushes = Promise.resolve();
  let closed = false;
  /** The one grant in progress, so a banner that grants twice opens storage once. */
  let granting: Promise<void> | undefined;
  /** Who gave the consent the open database rests on. */
  let consentBy: GrantedBy | undefined;
  /** The visitor paused personalization. */
  let paused = false;
  /** Where the visitor set their surprise dial, if they did: it replaces the site's diversity and exploration for them. */
  let surprise: number | undefined;
  /** Exploration's draws for this page view. */
  const explorer = new Explorer(config.random);

  async function recordVisitorGrant(opened: InteractionStore): Promise<void> {
    await opened.recordVisitorGrant(now());
    consentBy = 'visitor';
  }

  function learn(into: PreferenceVector, interaction: Interaction): void {
    into.learn(interaction, weightOf(interaction, config.interactionWeights));
  }

  /** Gives a vector its fold-in against the model, once there is a model and the vector has none. */
  function foldIn(into: PreferenceVector, against = model): void {
    if (__MODEL__ && against && !into._dense) into.attach(new DenseProfile(against, config.halfLife));
  }

  /** A stored vector (or a new one) with the events learned; throws if the stored one is corrupt. */
  function learnAll(stored: unknown, events: readonly Interaction[]): PreferenceVector {
    const { halfLife, maxFeatures, contextKeys } = config;
    const learned =
      stored === undefined
        ? new PreferenceVector(halfLife, maxFeatures, contextKeys)
        : PreferenceVector.fromJSON(stored, halfLife, maxFeatures, contextKeys);
    foldIn(learned);
    for (const interaction of events) learn(learned, interaction);
    return learned;
  }

  function remember(item: string, features: string[]): void {
    keepNewest(remembered, item, features);
  }

  function track(type: InteractionType, details?: TrackDetails): void {
    if (closed) fail('track()', __DEV__ ? 'the instance is closed' : 'closed', type);
    const interaction = toInteraction(type, details, config.interactionWeights, now(), (item) => remembered.get(item));
    if (paused) return;
    // Imported history gets the time buckets of its own moment, not this page's device or referrer.
    const page = details?.at === undefined ? pageBuckets : config.context;
    interaction.context = { ...timeContext(interaction.at), ...page, ...interaction.context };
    record(interaction);
  }

  /** Learns a checked interaction and queues it for storage. */
  function record(interaction: Interaction): void {
    // Sensitive categories are never learned or stored.
    const sensitive = interaction.features.filter((feature) => isSensitive(feature, config.sensitiveCategories));
    if (sensitive.length) {
      if (__DEV__) warn(`features in a sensitive category are never learned: ${sensitive.join(' ')}`);
      interaction.features = interaction.features.filter((feature) => !sensitive.includes(feature));
      // Nor is the item: with a model, the items chosen would teach the category all the same.
      delete interaction.item;
    }
    if (interaction.item !== undefined && interaction.features.length > 0) remember(interaction.item, interaction.features);
    learn(vector, interaction);
    // Where nothing can be stored, memory holds at most the log's cap.
    if (pending.push(interaction) > maxEvents) pending.shift();
    scheduleFlush();
  }

  function rank(candidates: readonly Candidate[], options: RankOptions = {}) {
    if (typeof options !== 'object' || options === null) fail('rank()', 'options', options);
    const at = now();
    // The model may have arrived while a catch-up or forget() was building the vector now in use.
    foldIn(vector);
    const ranked = rankCandidates(candidates, {
      vector,
      context: options.context === undefined ? { ...timeContext(at), ...pageBuckets } : checkContext(options.context, 'rank()'),
      now: at,
      strength: paused ? 0 : config.strength,
      limit: options.limit,
      inView: options.inView,
      model,
      dense: vector._dense,
      blend: config.blend,
      halfLife: config.halfLife,
      rerank: rerankOf(options),
      exploration: explorationOf(options),
      seen: seenOf(options),
    });
    // Kept for explain(): the first places of a ranking, the items a page can show; their reasons are worded when explained.
    for (const item of ranked.slice(0, EXPLAINED_PLACES)) keepNewest(lastPlaces, item.id, item);
    return ranked;
  }

  /** The diversity and exploration a ranking gets unless it names its own: the visitor's dial, else the site's options. */
  function defaults(): { diversity: number; exploration: number } {
    return surprise === undefined ? config : surpriseSettings(surprise);
  }

  /** Calibration, diversity and caps for one ranking: its own, else the instance's; none while paused. */
  function rerankOf({ diversity = defaults().diversity, caps = config.caps, calibration = config.calibration }: RankOptions): Rerank | undefined {
    if (!between(0, 1)(diversity)) fail('rank()', __DEV__ ? 'diversity must be a number from 0 to 1' : 'diversity', diversity);
    if (!isCaps(caps)) fail('rank()', __DEV__ ? 'caps must be an object of feature prefix: whole number ≥ 1' : 'caps', caps);
    if (calibration !== undefined && !isCalibration(calibration)) fail('rank()', __DEV__ ? "calibration must be { by: a feature prefix, weight: 0 to 1 }" : 'calibration', calibration);
    if (paused || (!diversity && !Object.keys(caps).length && !calibration?.weight)) return undefined;
    return { diversity, caps, ...(calibration?.weight && { calibration: { target: vector.mix(calibration.by, now()), weight: calibration.weight } }) };
  }

  function explorationOf({ exploration = defaults().exploration }: RankOptions): RankSettings['exploration'] {
    if (!between(0, 1)(exploration)) fail('rank()', __DEV__ ? 'exploration must be a number from 0 to 1' : 'exploration', exploration);
    return exploration ? { share: exploration, explorer, impressionWeight: config.interactionWeights.get('impression') ?? 0 } : undefined;
  }

  function seenOf({ seen = config.seen }: RankOptions): Seen {
    if (!isSeen(seen)) fail('rank()', __DEV__ ? "seen must be 'demote', 'hide' or 'keep'" : 'seen', seen);
    return seen;
  }

  /** In the site's order until the profile is loaded, then for this visitor. */
  function order(slot: Element, personal: boolean): void {
    orderSlot(
      slot,
      (candidates, options) => (personal ? rank(candidates, options) : rankCandidates(candidates, { vector, context: {}, now: 0, strength: 0 })),
      remember,
    );
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const run = flushes.then(commitPending);
    flushes = run.catch(() => undefined);
    return run;
  }

  function scheduleFlush(): void {
    if (store && timer === undefined && pending.length) timer = setTimeout(flushQuietly, BATCH_DELAY_MS);
  }

  /** Background flushes report failures instead of rejecting into the page. */
  function flushQuietly(): void {
    flush().catch((error: unknown) =>
      warn(__DEV__ ? 'could not store interactions; keeping them in memory to retry' : 'could not store interactions', error),
    );
  }

  /**
   * Stores the pending interactions as one batch, then brings the stored
   * profile up to date with them (and with what other tabs stored) and adopts
   * it. The events are safe once appended; a failed profile update is redone
   * on the next one.
   */
  async function commitPending(): Promise<void> {
    const opened = store;
    if (!opened || pending.length === 0) return;
    const batch = pending.splice(0);
    try {
      await opened.append(batch);
    } catch (error) {
      // Keep the batch for the next try; memory never holds more than the log's cap.
      pending.unshift(...batch);
      pending.splice(0, pending.length - maxEvents);
      scheduleFlush();
      throw error;
    }
    try {
      await catchUp(opened);
    } catch (error) {
      warn(__DEV__ ? 'stored the interactions, but not the profile; it catches up on the next visit' : 'could not store the profile', error);
    }
  }

  /** Brings the stored profile up to date from the event log and adopts it, with what is not stored yet learned again. */
  async function catchUp(opened: InteractionStore): Promise<void> {
    let merged = vector;
    await opened.catchUp((stored, events) => (merged = learnAll(stored, events)).toJSON());
    vector = merged;
    for (const interaction of pending) learn(vector, interaction);
  }

  /**
   * Opens the database and adopts its profile with the stored events it does
   * not hold yet, reading only: the page waits for this. Writing the caught-up
   * profile back, and trimming the log, follow off that path.
   */
  async function openStorage(grantedBy: GrantedBy): Promise<void> {
    const opened = await openStore(config, grantedBy);
    try {
      const { stored, events, grantedBy: storedBy, paused: pausedBefore, surprise: surpriseBefore } = await opened.read();
      // What the visitor set before storage opened is theirs to keep, over what was stored.
      if (paused && !pausedBefore) await opened.keepSetting('paused', { at: now() });
      if (surprise !== undefined && surprise !== surpriseBefore) await opened.keepSetting('surprise', { at: now(), level: surprise });
      paused ||= pausedBefore;
      surprise ??= surpriseBefore;
      consentBy = storedBy ?? grantedBy;
      if (consentBy !== 'visitor' && grantedBy === 'visitor') await recordVisitorGrant(opened);
      else if (consentBy !== 'visitor' && honoursPrivacySignal) {
        // Global Privacy Control: what was stored on the site's word alone is deleted.
        opened.close();
        await deleteDatabase(config.indexedDB!, config.namespace);
        return;
      }
      try {
        vector = learnAll(stored, events);
        for (const interaction of pending) learn(vector, interaction);
        flushes = flushes.then(() => catchUp(opened)).catch((error: unknown) => warn('could not store the profile', error));
      } catch {
        // Unreadable: the catch-up rebuilds it from the event log.
        await catchUp(opened);
      }
    } catch (error) {
      opened.close();
      throw error;
    }
    store = opened;
    status = 'indexeddb';
    consent = 'granted';
    scheduleFlush();
    if (config.reporting) void report(opened, config.reporting);
  }

  /** The opt-in aggregate report, at most once a period, and only with storage open, so only with consent. */
  async function report(opened: InteractionStore, reporting: NonNullable<typeof config.reporting>): Promise<void> {
    try {
      const at = now();
      const last = await opened.lastReport();
      if (last !== undefined && at - last < reporting.periodMs) return;
      const { endpoint, epsilon, features } = reporting;
      const index = reportedIndex(vector.features(at), features, REPORTED_INTERESTS);
      const bits = encodeReport(index, features.length + 1, epsilon, uniformRandom);
      // Recorded first: a failed send still spends the period, so ε is spent at most once in it.
      await opened.recordReport(at);
      await sendReport(endpoint, epsilon, features, bits);
    } catch (error) {
      warn('could not send the aggregate report', error);
    }
  }

  async function setPaused(pause: boolean): Promise<void> {
    paused = pause;
    await store?.keepSetting('paused', pause ? { at: now() } : undefined);
  }

  /** Interactions the page itself reports: bad markup is a warning, never an exception. */
  function trackFromPage(type: InteractionType, details: TrackDetails): void {
    if (closed) return;
    try {
      track(type, details);
      // A click often leaves the page: store it at once.
      if (type === 'click') flushQuietly();
    } catch (error) {
      warn(detailOf(error));
    }
  }

  const attune: Attune = {
    get status() {
      return status;
    },
    consent: {
      get state() {
        return consent;
      },
      /** Opens storage and writes what this page view has learned so far. */
      grant() {
        consent = 'granted';
        // Storage opened on the site's word: note that the visitor agreed too.
        if (store && consentBy !== 'visitor') return recordVisitorGrant(store);
        if (status !== 'awaiting-consent' || closed) return Promise.resolve();
        return (granting ??= openStorage('visitor').then(flush, (error: unknown) => {
          status = 'fallback';
          throw error;
        }));
      },
      async deny() {
        await attune.erase();
        consent = 'denied';
      },
    },
    track,
    rate: (item, stars, details) => track('rate', { ...details, item, value: stars }),
    like: (item, details) => track('like', { ...details, item }),
    dislike: (item, details) => track('dislike', { ...details, item }),
    prefer: (feature, weight) => track('prefer', { features: [feature], value: weight }),
    rank,
    apply(root = doc) {
      if (typeof root?.querySelectorAll !== 'function') fail('apply()', __DEV__ ? 'root must be a document or element' : 'root', root);
      for (const slot of findSlots(root)) order(slot, true);
    },
    profile: () => vector.features(now()),
    async forget(feature) {
      checkFeatures([feature], 'forget()');
      for (const interaction of pending) {
        if (!interaction.features.includes(feature)) continue;
        interaction.features = interaction.features.filter((kept) => kept !== feature);
        // As in storage: the item goes too, or the model would keep the interest alive.
        delete interaction.item;
      }
      // After a write under way, so the rebuilt profile holds every kept interaction.
      await flushes;
      let rebuilt = learnAll(undefined, []);
      if (store) await store.forget(feature, (_, events) => (rebuilt = learnAll(undefined, events)).toJSON());
      for (const interaction of pending) learn(rebuilt, interaction);
      vector = rebuilt;
      // The reasons of rankings before may speak of the interest.
      lastPlaces.clear();
    },
    get paused() {
      return paused;
    },
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    get surprise() {
      return surprise ?? surpriseLevel(config);
    },
    async setSurprise(level) {
      if (!between(0, 1)(level)) fail('setSurprise()', __DEV__ ? 'level must be a number from 0 to 1' : 'level', level);
      surprise = level;
      await store?.keepSetting('surprise', { at: now(), level });
    },
    flush,
    async export(): Promise<AttuneExport> {
      const { events, grantedAt, lastReport } = store ? await store.readAll() : { events: [], grantedAt: undefined, lastReport: undefined };
      const { namespace, halfLife, strength, contextKeys, maxFeatures } = config;
      return {
        format: 'attune-export',
        version: 1,
        exportedAt: new Date(now()).toISOString(),
        namespace,
        consent: grantedAt === undefined ? { state: consent, status } : { state: consent, status, grantedAt },
        settings: {
          halfLifeMs: halfLife,
          strength,
          contextKeys,
          maxFeatures,
          maxEvents,
          maxEventAgeMs: config.maxEventAge,
          ...(surprise !== undefined && { surprise }),
        },
        ...(config.reporting && {
          reporting: {
            endpoint: config.reporting.endpoint,
            epsilon: config.reporting.epsilon,
            features: config.reporting.features,
            periodMs: config.reporting.periodMs,
            ...(lastReport !== undefined && { lastSentAt: lastReport }),
          },
        }),
        interactions: [...events, ...pending],
        profile: vector.features(now()),
      };
    },
    async explain(item) {
      const reasons = lastPlaces.get(item)?.reasons;
      if (!reasons) return [];
      const kept = store ? (await store.readAll()).events : [];
      return explainReasons(reasons, [...kept, ...pending], now());
    },
    async import(exported: unknown) {
      const file = exported as Partial<AttuneExport> | null;
      if (file?.format !== 'attune-export' || file.version !== 1 || !Array.isArray(file.interactions)) {
        fail('import()', __DEV__ ? 'the file must be an Attune export, version 1' : 'file', exported);
      }
      if (file.interactions.length > maxEvents) fail('import()', `at most ${maxEvents} interactions`, file.interactions.length);
      // Every interaction is checked before any is kept: a bad file changes nothing.
      const checked = file.interactions.map((stored: Partial<Interaction>, index) => {
        try {
          const interaction = toInteraction(stored?.type, stored, config.interactionWeights, now(), () => undefined);
          if (stored.at === undefined) fail('import()', 'at', undefined);
          return interaction;
        } catch (error) {
          if (!(error instanceof AttuneError)) throw error;
          return fail('import()', `interaction ${index}: ${error.where}: ${error.rule}`, error.value);
        }
      });
      for (const interaction of checked) record(interaction);
      await flush();
    },
    async erase() {
      clearTimeout(timer);
      timer = undefined;
      // Let a write under way finish first, so nothing lands after the deletion.
      await flushes;
      pending.length = 0;
      remembered.clear();
      lastPlaces.clear();
      explorer._draws.clear();
      surprise = undefined;
      vector = learnAll(undefined, []);
      store?.close();
      store = undefined;
      granting = undefined;
      consent = 'required';
      if (config.storage === 'memory') return;
      status = 'awaiting-consent';
      if (config.indexedDB) await deleteDatabase(config.indexedDB, config.namespace);
    },
    async close() {
      if (closed) return;
      stopObserving?.();
      watcher?.stop();
      // Still open, so the visible time it records on stopping is kept.
      tracker?.stop();
      closed = true;
      try {
        await flush();
      } finally {
        store?.close();
        store = undefined;
      }
    },
  };

  // Both start before storage is read, so slots parsed meanwhile are held
  // back from painting and early clicks are not missed.
  const watcher = doc && config.autoApply ? watchSlots(doc, order, config.renderBudget) : undefined;
  const tracker = doc && config.autoTrack ? startAutoTrack(doc, trackFromPage, now, flushQuietly) : undefined;
  const stopObserving =
    (watcher || tracker) &&
    observeDocument(doc!, (roots) => {
      watcher?.scan(roots);
      tracker?.scan(roots);
    });

  // The model loads while storage opens; a model that cannot be used is reported and ranking goes on without it.
  if (!__MODEL__ && config.model) warn('this script cannot read a model: load attune-model.min.js instead');
  const modelLoaded =
    __MODEL__ &&
    config.model &&
    loadModel(config.model)
      .then((loaded) => {
        // Adopted once the fold-in is built: a model that breaks it is not used at all.
        foldIn(vector, loaded);
        model = loaded;
      })
      .catch((error: unknown) => warn(__DEV__ ? 'the model could not be used; ranking without it' : 'model unusable', error));

  // Storage opens now if the visitor's consent allows it. The database is
  // created only once consent is given, so on a later page view its existence
  // is the record of that consent. Waiting slots are ordered either way.
  const { storage, indexedDB, namespace } = config;
  try {
    if (storage !== 'memory') {
      if (!indexedDB) throw new Error('IndexedDB is not available');
      if (consent === 'granted' || (await databaseExists(indexedDB, namespace))) await openStorage('site');
    }
  } catch (error) {
    status = 'fallback';
    warn(__DEV__ ? 'storage is unavailable; learning for this page view only' : 'storage is unavailable', error);
  } finally {
    // Slots wait for the model as long as they may stay hidden, no longer; it is used from whenever it arrives.
    if (modelLoaded) {
      let budget: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([modelLoaded, new Promise((resolve) => (budget = setTimeout(resolve, config.renderBudget)))]);
      clearTimeout(budget);
    }
    watcher?.profileReady();
  }
  return attune;
}
