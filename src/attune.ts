import type { Attune, AttuneOptions } from './types';
import type { Core } from './core';
import { between, resolveOptions, type Config } from './options';
import { fail, printStacks, warn } from './errors';
import { pageContext } from './signals/context';
import { Recorder } from './signals/recorder';
import { Batcher } from './store/batcher';
import { MemoryStore } from './store/memory';
import { moveTo } from './store/status';
import { Learner } from './profile/learner';
import { VisitorSettings } from './profile/settings';
import { ItemMemory } from './profile/item-memory';
import { Changes } from './profile/changes';
import { Consent } from './privacy/consent';
import { aggregateReport, variants, visitorData } from './parts';
import { Explorer } from './rank/explore';
import { rankForVisitor, siteOrder } from './rank/personal';
import { surpriseLevel } from './rank/surprise';
import { findSlots, orderAgain, orderSlot, readRerank } from './dom/slots';
import { drawLater, drawingPart, type DrawingTools } from './dom/drawn-later';
import { startPageWork, type PageWork } from './dom/page';
import { VARIANT_TRIAL } from './markup';
import { startModelSupport, waitAtMost } from './model/start-model';
import { startSiteRules, type SiteRulesLoader } from './rules/start-rules';
import { statedText } from './profile/stated';

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
  if (config.debug) printStacks();
  // Said once, as a note, not a fault: in Node memory is all there is (the script tag runs where IndexedDB is).
  if (__DEV__ && !config.indexedDB && options.storage !== 'memory') {
    warn("no IndexedDB here (as in Node), so learning in memory only (storage: 'memory' chooses that without this note)");
  }
  const core = buildCore(config);
  const { batcher, items } = core;
  const recorder = new Recorder(core);
  const consent = new Consent(core);
  const tools: DrawingTools = {
    record: recorder.fromPage,
    rank: (slot, candidates, limit) => rankForVisitor(core, candidates, { ...readRerank(slot), inView: limit, limit }),
  };
  /** A slot in the site's order until the profile is loaded, then for this visitor; one drawn by a part, once that has loaded. */
  const order = (slot: Element, personal: boolean): Promise<void> | void => {
    const part = drawingPart(slot);
    // A part may read the visitor's history, which only the database holds: where the slots were ordered from
    // the profile's copy, it draws once storage has answered.
    if (part) return personal ? storageOpened.then(() => drawLater(core, slot, part, true, tools)) : drawLater(core, slot, part, false, tools);
    // Rules the page declared after the slots could be ordered (a block parsed after the script tag) apply before
    // the slot is shown: it waits for them, as it does for rules known at the start.
    if (personal && rules.started && !rules.settled) return rules.started.then(() => order(slot, true));
    orderSlot(slot, (candidates, slotOptions) => (personal ? rankForVisitor(core, candidates, slotOptions) : siteOrder(core, candidates)), items.remember);
  };

  if (config.autoApply && config.document) core.showSiteOrder = () => findSlots(config.document!).forEach((slot) => order(slot, false));

  // Writes wait until the slots are ordered: a write's transaction (the profile's catch-up after storage opens)
  // would hold back the reads the slots wait for, such as the history the site's rules read.
  let ordered!: () => void;
  batcher.flushes = new Promise((resolve) => (ordered = resolve));
  // Storage opens first: its round trip is the longest wait before slots can be ordered. The page work
  // starts in the same task, before anything is parsed after the script, so no slot or click is missed.
  const storageOpened = consent.start();
  core._storageSettled = storageOpened.catch(() => undefined);
  const rules = startSiteRules(core);
  const leaving = () => {
    batcher.leave();
    core.copy?.now();
  };
  const page = startPageWork(config, order, recorder.fromPage, leaving, { need: rules.need, apply: () => core._personalMarkup });
  const attune = publicApi(core, recorder, consent, order, page, rules);
  // The model, the site's rules and storage load side by side; waiting slots are ordered either way.
  const modelLoaded = startModelSupport(core);
  // A returning visitor's profile came from its copy: slots need not wait for the database, unless for the model.
  if (consent._fromCopy && !modelLoaded) readyFromCopy(rules, page, config.renderBudget);
  try {
    await storageOpened;
  } finally {
    rules.profileLoaded();
    // The rules part may have started on the copy's history: the instance is ready once it holds the database's.
    const parts = [modelLoaded, rules.started?.then(() => core._historyRead)].filter((part) => part !== undefined);
    if (parts.length) await waitAtMost(Promise.all(parts).then(() => undefined), config.renderBudget);
    page?.profileReady();
    ordered();
  }
  return attune;
}

/**
 * Slots ordered from the profile's copy, before the database opens: the
 * site's rules may start on the copy too (and the history it carries), and
 * slots wait for them, within the render budget, as they do after the open.
 */
function readyFromCopy(rules: SiteRulesLoader, page: PageWork | undefined, renderBudget: number): void {
  rules.profileLoaded();
  // A part that fails fails the instance's start, as it does after the open: here the slots just stop waiting.
  if (rules.started) void waitAtMost(rules.started.catch(() => undefined), renderBudget).then(() => page?.profileReady());
  else page?.profileReady();
}

/** The parts every other part shares, for a checked configuration. */
function buildCore(config: Config): Core {
  const learner = new Learner(config);
  const core: Core = {
    config,
    pageBuckets: { ...pageContext(config.document, config.navigator), ...config.context },
    learner,
    batcher: new Batcher(
      () => core.store,
      config.maxEvents,
      (store) => learner.catchUp(store, () => core.batcher.pending),
      (stored) => core.store.persistent && moveTo(core, stored ? 'indexeddb' : 'fallback'),
    ),
    settings: new VisitorSettings(),
    items: new ItemMemory(),
    explorer: new Explorer(config.random),
    store: new MemoryStore(config.maxEvents),
    status: config.storage === 'memory' ? 'memory' : 'awaiting-consent',
    closed: false,
    useStore(use) {
      const store = core.store;
      return use(store).catch((error: unknown) => (core.store === store ? Promise.reject(error) : use(core.store)));
    },
    modelParts: [],
    onStorageOpen: [],
    changes: new Changes(),
  };
  learner.onChange = core.settings.onChange = () => {
    core.changes.notify();
    core.copy?.soon();
  };
  core.settings.onSet = () => core.copy?.remove();
  if (config.reporting) {
    core.onStorageOpen.push((store) =>
      aggregateReport().then((part) => part.reportIfDue(core, store), (error: unknown) => warn('could not send the aggregate report', error)),
    );
  }
  return core;
}

/** The public object: each method hands over to the part that does the work. */
function publicApi(
  core: Core,
  recorder: Recorder,
  consent: Consent,
  order: (slot: Element, personal: boolean) => unknown,
  page: PageWork | undefined,
  rules: SiteRulesLoader,
): Attune {
  const { config, learner, settings, batcher } = core;
  const { track } = recorder;
  const now = config.now;
  return {
    get status() {
      return core.status;
    },
    // The visitor's side of consent only: the rest of the part is the instance's.
    consent: {
      get state() {
        return consent.state;
      },
      grant: () => consent.grant(),
      deny: () => consent.deny(),
    },
    track,
    rate: (item, stars, details) => track('rate', { ...details, item, value: stars }),
    like: (item, details) => track('like', { ...details, item }),
    dislike: (item, details) => track('dislike', { ...details, item }),
    prefer: (feature, weight) => track('prefer', { features: [feature], value: weight }),
    rank: (candidates, rankOptions) => rankForVisitor(core, candidates, rankOptions),
    apply(root = config.document) {
      if (typeof root?.querySelectorAll !== 'function') fail('apply()', __DEV__ ? 'root must be a document or element' : 'root', root);
      for (const slot of findSlots(root)) orderAgain(slot, () => order(slot, true));
      core._personalMarkup?.([root]);
    },
    profile: () => learner.vector.features(now()).filter(({ feature }) => !feature.startsWith(VARIANT_TRIAL)),
    forget: (feature) => visitorData().then((part) => part.forgetFeature(core, consent, feature)),
    get paused() {
      return settings.values.paused === true;
    },
    pause: () => core.useStore((store) => settings.set('paused', true, store, now())),
    resume: () => core.useStore((store) => settings.set('paused', undefined, store, now())),
    get surprise() {
      return settings.values.surprise ?? surpriseLevel(config);
    },
    async setSurprise(level) {
      if (!between(0, 1)(level)) fail('setSurprise()', __DEV__ ? 'level must be a number from 0 to 1' : 'level', level);
      await core.useStore((store) => settings.set('surprise', level, store, now()));
    },
    subscribe: (listener) => core.changes.subscribe(listener),
    flush: () => batcher.flush(),
    export: () => visitorData().then((part) => part.exportVisitor(core, consent)),
    explain: (item) => visitorData().then((part) => part.explainItem(core, item)),
    import: (exported) => visitorData().then((part) => part.importVisitor(core, recorder, exported)),
    erase: () => consent.erase(),
    close: () => closeInstance(core, consent, page),
    ...statedApi(core),
    ...audienceApi(core, recorder, rules),
  };
}

/** `get()`: what the visitor told the site, kept as one of their settings; `set()` loads with the visitor's data controls. */
function statedApi(core: Core): Pick<Attune, 'set' | 'get'> {
  return {
    set: (name, value, options) => visitorData().then((part) => part.setStated(core, name, value, options)),
    // Own names only: a name like "constructor" reads the prototype's, which has no `value`.
    get: ((name?: string) => (name === undefined ? statedText(core.settings.values.stated) : core.settings.values.stated?.[name]?.value)) as Attune['get'],
  };
}

/** What depends on the site's audiences: `audiences()`, and `variant()`, which the variants part chooses as for containers in the page. */
function audienceApi(core: Core, recorder: Recorder, rules: SiteRulesLoader): Pick<Attune, 'audiences' | 'variant'> {
  return {
    // A page that declares no audiences and marks up none has none to load the part for.
    audiences: () =>
      (rules.started ?? Promise.resolve())
        .then(() => core._historyRead)
        .then(() => core._audienceList?.() ?? []),
    // A variant for an audience needs membership, which the rules part decides: it loads, as for audience markup.
    variant: (name, list) =>
      Promise.all([variants(), Array.isArray(list) && list.some((each) => each?.audience !== undefined) ? rules.need() : rules.started]).then(([part]) =>
        part.variantFromCode(core, recorder.fromPage, name, list),
      ),
  };
}

/** `close()`: stores what is pending and lets go of storage; later calls learn nothing more. */
async function closeInstance(core: Core, consent: Consent, page: PageWork | undefined): Promise<void> {
  if (core.closed) return;
  // Still open, so the visible time the page records on stopping is kept.
  page?.stop();
  core.closed = true;
  consent._tabs?.close();
  await consent._settled();
  try {
    await core.batcher.flush();
  } finally {
    core.copy?.now();
    core.store.close();
    core.store = new MemoryStore(core.config.maxEvents);
  }
}
