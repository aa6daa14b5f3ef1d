import type { Model } from './model/format';
import type { Blend } from './rank/hybrid';

/**
 * A decoded model file, from {@link loadModel}: shareable between instances.
 * An interface of its own rather than another name for `Model`, so a site's
 * declarations that infer a model can name it.
 */
export interface AttuneModel extends Model {}
export type { Blend };
export type { ModelContent, ModelFactors, ModelNext, ModelRules, ModelTraining, TunedSettings } from './model/format';
export type { ModelSource } from './model/load';

/**
 * Built-in interaction types. Any other name is a custom type and needs a
 * weight in {@link AttuneOptions.interactionWeights}.
 */
export type BuiltInInteractionType =
  | 'view'
  | 'click'
  | 'impression'
  | 'dwell'
  | 'scroll'
  | 'search'
  | 'purchase'
  | 'like'
  | 'dislike'
  | 'rate'
  | 'hide'
  | 'prefer';

/** An interaction type: a built-in one or a custom name with a weight. */
export type InteractionType = BuiltInInteractionType | (string & {});

/** The site's holdout: the share of visitors who see the site's own order, and the interaction types that count as outcomes. */
export interface HoldoutOptions {
  share: number;
  outcomes: InteractionType[];
}

/** A visitor's group under a holdout: `holdout` sees the site's own order, `personal` the personalized one. */
export type HoldoutGroup = 'holdout' | 'personal';

/**
 * Coarse context of one interaction. Every value is a bucket, never a raw
 * reading: `daypart` is `night | morning | afternoon | evening`, `week` is
 * `weekday | weekend`, `device` is `mobile | tablet | desktop`, `referrer` is
 * `search | social | direct | internal | other`. Sites may add their own keys.
 */
export type Context = Record<string, string>;

/** What a site passes to {@link Attune.track}. */
export interface TrackDetails {
  /** The item's id, as in `data-attune-item`. */
  item?: string;
  /** The item's features, such as `topic:tennis`. Taken from the page's markup when omitted and the item is known. */
  features?: readonly string[];
  /**
   * A number whose meaning depends on the type: stars 1..5 for `rate`, visible
   * milliseconds for `dwell`, depth 0..1 for `scroll`. Ignored by other types.
   */
  value?: number;
  /** Site-supplied context, merged over the automatic snapshot. */
  context?: Context;
  /** When it happened, epoch milliseconds; defaults to now. Lets a site import history. */
  at?: number;
  /**
   * The item's vector as `attune build-model` wrote it (`data-attune-vector`),
   * kept with the interaction so the visitor's history needs no table of every
   * item. Taken from the page's markup or a ranked candidate when omitted and
   * the item is known.
   */
  vector?: string;
  /**
   * For `search` only: what the visitor searched for. It is kept as search
   * terms (`search:tennis`), never as typed.
   */
  query?: string;
  /**
   * For `view`: how the item's own page presents it, kept with the view so a
   * list of recently viewed items can show it (`data-attune-strategy="recent"`).
   */
  page?: ItemPage;
}

/**
 * How an item's own page presents it: its title, its address (http(s), or a
 * path on the site) and, optionally, an image's address. Text only: a list
 * that shows it sets the title as text, the addresses as `href` and `src`.
 */
export interface ItemPage {
  /** 1 to 300 printable characters. */
  title: string;
  /** 1 to 2048 characters. */
  url: string;
  image?: string;
}

/** One recorded interaction, as stored on the device. */
export interface Interaction {
  type: InteractionType;
  item?: string;
  features: string[];
  /** The item's vector, where the page or the site gave one. */
  vector?: string;
  value?: number;
  context: Context;
  at: number;
  /** For a view of an item's own page that presents itself: its title, address and image. */
  page?: ItemPage;
}

/** A rankable item. Its position in the list given to {@link Attune.rank} is the site's own order. */
export interface Candidate {
  id: string;
  /**
   * What the item is (`topic:tennis`, `author:jane`), its kind first: the
   * prefix most candidates name first is read as the site's kind of item,
   * whose evidence counts before the others' while a profile is thin. A list
   * ranked again is compared with the last reading feature by feature, unless
   * the array was frozen (`Object.freeze`) when first ranked: a frozen array
   * cannot change, so it is compared by identity alone, which saves about a
   * fifth of ranking 10,000 items with a model.
   */
  features?: readonly string[];
  /** Keep this item at its given position. */
  pinned?: boolean;
  /** When the item was published, epoch ms: for the `freshness` part of the blend. */
  publishedAt?: number;
  /**
   * The item's vector as `attune build-model` wrote it (`--vectors-json`), for
   * a site that serves only the model's global part. A malformed one is
   * reported once and the item ranked without it.
   */
  vector?: string;
}

/** Why an item sits where it does. */
export type Reason =
  | {
      /** A learned interest matched one of the item's features. */
      kind: 'interest';
      feature: string;
      /** This feature's share of the item's personal score, signed. */
      contribution: number;
      /** Set when the current context (such as `daypart=morning`) changed the weight. */
      context?: string;
      text: string;
    }
  | {
      /** The site's own order placed the item here. */
      kind: 'site-order';
      /** Zero-based position in the site's order. */
      position: number;
      text: string;
    }
  | { kind: 'pinned'; position: number; text: string }
  /** Lowered because the visitor already chose it; it comes back as that fades. */
  | { kind: 'seen'; text: string }
  /** Out of view because the visitor turned it down (`dislike()`, "Not for me"); it comes back as that fades. */
  | { kind: 'passed'; text: string }
  /** Lifted by calibration: it keeps the list's mix close to the visitor's. */
  | { kind: 'calibrated'; text: string }
  /** Lifted by diversity: it is unlike the items placed above it. */
  | { kind: 'different'; text: string }
  /** Placed by exploration: outside the visitor's interests so far, tried to find new ones. */
  | { kind: 'explored'; text: string }
  /** In a list of recently viewed items (`data-attune-strategy="recent"`). */
  | { kind: 'recent'; text: string }
  /** A variant shown because the visitor is in the site's audience `audience`. */
  | { kind: 'in-audience'; audience: string; text: string }
  /** A variant chosen by Thompson sampling on the visitor's own responses to the variants. */
  | { kind: 'variant-tried'; text: string }
  /** Lowered by an exposure cap on the feature prefix `prefix` (such as `author`). */
  | { kind: 'capped'; prefix: string; text: string }
  | {
      /**
       * A part of the site's model lifted the item: `collaborative` (people who
       * chose what the visitor chose also chose it), `similar-content` (its
       * content is like the visitor's history), `popular` (many people chose it),
       * `next` (in the site's logs it often comes next after what the visitor
       * just chose).
       */
      kind: 'collaborative' | 'similar-content' | 'popular' | 'fresh' | 'next';
      /** How far it lifted the item, as a share of the list. */
      contribution: number;
      text: string;
    }
  | {
      /** One of the site's rules ({@link AttuneOptions.rules}) boosted or pinned the item, or chose the variant; its `text` is the rule's reason. */
      kind: 'rule';
      /** How far it moved the item, as a share of the list. */
      contribution: number;
      text: string;
    };

/** One item of a ranking. */
export interface RankedItem {
  id: string;
  /** Higher is better; comparable within one ranking only. */
  score: number;
  /**
   * Strongest first. Worded when first read, so a long ranking costs little
   * for reasons nobody shows; `JSON.stringify` includes them, a spread does not.
   */
  reasons: Reason[];
}

/** Options of one `rank()` call: each overrides the instance's option of the same name for that call. */
export interface RankOptions {
  /** Return at most this many items. */
  limit?: number;
  /** How many of the first places the visitor sees (a slot's `data-attune-limit`): exploration's share is of these. Default 20. */
  inView?: number;
  /** Context to rank for; defaults to the current snapshot. */
  context?: Context;
  /** 0..1: how much the first places favour items unlike those above them; defaults to the `diversity` option. */
  diversity?: number;
  /** Feature prefix → most items with one value of it before every other item has had a place, such as `{ author: 2 }`; defaults to the `caps` option. */
  caps?: Record<string, number>;
  /** Items the visitor already chose: `demote`, `hide` or `keep`; defaults to the `seen` option. */
  seen?: 'demote' | 'hide' | 'keep';
  /** Keep the mix of one kind of feature close to the visitor's; defaults to the `calibration` option. */
  calibration?: Calibration;
  /** 0..1: the share of the first places tried on items outside the visitor's interests; defaults to the `exploration` option. */
  exploration?: number;
}

/**
 * Calibration (Steck, "Calibrated Recommendations", RecSys 2018): the first
 * places keep the mix of the values of one feature prefix (`by: 'topic'`) close
 * to the mix in the visitor's profile; `weight` 0..1 says how much that counts
 * against the score order.
 */
export interface Calibration {
  by: string;
  weight: number;
}

/** One learned feature of the visitor's profile. */
export interface LearnedFeature {
  feature: string;
  /** Decayed weight now; negative means the visitor avoids it. */
  weight: number;
  /** Weights of this feature within a context bucket, keyed like `daypart=morning`. */
  byContext: Record<string, number>;
}

/**
 * Where interactions are kept, the state of storage. Each change dispatches an
 * `attune:status` event on the document, whose `detail` is `{ status }`.
 * - `indexeddb`: on the device, across visits;
 * - `memory`: for this page view only, because the site asked for it;
 * - `awaiting-consent`: in memory until {@link Attune.consent} is granted;
 * - `opening`: consent is given and the database is opening; in memory until it is open;
 * - `closed`: the database was open, but a newer version of the SDK in another
 *   tab upgraded it, or the browser closed it: in memory for the rest of this page view;
 * - `erased`: the visitor erased everything, in this tab or another (or cleared
 *   the site's data); in memory, learning from scratch, until consent is granted in this tab;
 * - `fallback`: in memory because IndexedDB is missing, blocked or failing (a
 *   full disk); where the database is open, writes are retried and `indexeddb` returns once one lands.
 */
export type StorageStatus = 'indexeddb' | 'memory' | 'awaiting-consent' | 'opening' | 'closed' | 'erased' | 'fallback';

/** What the site says of consent: `required` (the default; nothing stored until `consent.grant()`) or `granted`. */
export type ConsentState = 'granted' | 'required';

/** The visitor's side of consent: where it stands, and granting or refusing it. */
export interface ConsentControl {
  /**
   * `granted` once the visitor has agreed, here or on an earlier visit;
   * `denied` once they refused or withdrew on this page view.
   */
  readonly state: ConsentState | 'denied';
  /** Opens storage and writes what this page view has learned so far. */
  grant(): Promise<void>;
  /**
   * Refuses or withdraws consent: erases everything stored (see
   * {@link Attune.erase}). Personalization goes on in memory for this page view.
   */
  deny(): Promise<void>;
}

/** Browser globals, injectable so the core runs in Node and in tests. */
export interface Environment {
  indexedDB?: IDBFactory;
  document?: Document;
  navigator?: Navigator;
  /** Clock in epoch milliseconds. */
  now?: () => number;
  /** Uniform numbers in [0, 1) for exploration's draws; give a seeded generator to make a page view reproducible. Default `Math.random`. */
  random?: () => number;
}

/** Options of `createAttune()`; each is checked, and a bad value throws a TypeError naming it. */
export interface AttuneOptions {
  /** Separates sites (or sections) sharing an origin; names the database `attune:<namespace>`. Default `default`. */
  namespace?: string;
  /** `required` (default): nothing is stored until consent is granted. */
  consent?: ConsentState;
  /**
   * Where the browser sends Global Privacy Control, take only the visitor's
   * own `consent.grant()` as consent: the site's `consent: 'granted'` does not
   * count, and what was stored on it alone is deleted. Default true.
   */
  honourGlobalPrivacyControl?: boolean;
  /**
   * Half-life of interest decay: milliseconds or a duration like `14d`, `12h`, `30m`. Default 14 days,
   * or what the site's model was tuned with (see `model`).
   */
  halfLife?: number | string;
  /** How far personalization may move items from the site's own order, 0..1. Default 0.5, or what the site's model was tuned with. */
  strength?: number;
  /** Weight per interaction type, over the defaults; custom types need one. */
  interactionWeights?: Record<string, number>;
  /**
   * `indexeddb` (default) or `memory`. Where there is no IndexedDB at all (Node),
   * memory, with one note the first time; `memory` chooses it without the note.
   */
  storage?: 'indexeddb' | 'memory';
  /** Record clicks, impressions, dwell and scroll depth of marked-up elements. Default true where there is a document. */
  autoTrack?: boolean;
  /** Order slots as they appear in the document, hidden until ordered. Default false; the script tag turns it on. */
  autoApply?: boolean;
  /** With `autoApply`: how long slots may stay hidden waiting for the profile, in ms. Default 300. */
  renderBudget?: number;
  /**
   * Sensitive categories: a feature whose prefix or value is one of these
   * (`health:…`, `topic:religion`, `topic:health-insurance`) is never learned
   * or stored. Default: health, medical, religion, sexual-orientation,
   * sexuality, ethnicity, political-affiliation, the kinds of category the
   * Topics API taxonomy leaves out.
   */
  sensitiveCategories?: string[];
  /**
   * Opt-in aggregate reporting, off by default and only with consent: at most
   * once per `period`, one report of which of `features` (declared by the
   * site, the same for every visitor) is this visitor's strongest interest,
   * randomized on the device with ε-local differential privacy, is posted to
   * `endpoint`. `attune decode-reports` turns many reports into estimates.
   */
  reporting?: { endpoint: string; epsilon: number; features: string[]; period?: number | string };
  /**
   * A holdout, to measure what personalization earns: each visitor is put
   * once, at random on the device, in the holdout with probability `share`
   * (above 0, at most 0.5) or else in the personalized group, and keeps that
   * group with the profile. A visitor in the holdout sees the site's own
   * order in every slot and every `rank()`, while learning goes on as usual.
   * `outcomes` (1 to 8) are the interaction types that count as a conversion,
   * recorded with `track('purchase')`, `track('signup')`: a type without a
   * weight in `interactionWeights` gets weight 0, so it counts without
   * teaching an interest. With `reporting`, each report also carries the
   * visitor's group and, randomized on the device within the same ε, whether
   * each outcome happened in the period; `attune decode-reports` turns them
   * into each group's conversion rate and the lift.
   */
  holdout?: HoldoutOptions;
  /**
   * The site's model file (built with `attune build-model`): its URL, its
   * bytes, or a model from {@link loadModel}. With it, items the model knows
   * are ranked by a blend of collaborative filtering (the visitor's own
   * history folded into the model on the device), content and popularity.
   * The file is fetched without credentials or referrer, the same request for
   * every visitor. A file that cannot be used is reported with an `[attune]`
   * warning and ranking goes on without it. A file `attune build-model` tuned
   * on the site's logs carries the `strength`, `halfLife` and `blend` parts it
   * chose: they replace the defaults, never an option the site sets itself.
   */
  model?: string | URL | ArrayBuffer | ArrayBufferView | AttuneModel;
  /**
   * With a model: how much each part of the score counts. Defaults in
   * {@link DEFAULT_BLEND}, or the parts the site's model was tuned with; the
   * parts given here win, part by part.
   */
  blend?: Partial<Blend>;
  /**
   * Items the visitor already chose (opened, read, bought): `demote` (default)
   * moves one just chosen down by up to the whole list, less as the choice
   * fades with `halfLife`, so a favourite comes back; `hide` leaves it out while
   * fresh; `keep` ranks it like any other. A slot's `data-attune-seen` overrides it.
   */
  seen?: 'demote' | 'hide' | 'keep';
  /**
   * Keep the mix of one kind of feature in a ranking's first places close to
   * the visitor's, such as `{ by: 'topic', weight: 0.5 }`: a visitor who reads
   * 70 % politics and 30 % science is not shown only politics. Default off. A
   * slot's `data-attune-calibration="topic:0.5"` overrides it.
   */
  calibration?: Calibration;
  /**
   * 0..1: how much the first places of a ranking favour items unlike those
   * above them (maximal marginal relevance over their features), once the
   * visitor has a profile. Default 0.2, chosen by the audit in BENCHMARKS.md.
   * A slot's `data-attune-diversity` overrides it.
   */
  diversity?: number;
  /**
   * 0..1: the share of the places in view (`rank()`'s `inView`, a slot's limit, or 20) given to
   * items outside the visitor's interests so far, so they can find new ones:
   * with 0.1, one place in ten, never the first. Which items is Thompson
   * sampling on the device from the visitor's own impressions and clicks of
   * their features, so a kind of item the visitor keeps passing over stops
   * being tried until those passes fade. Needs a visitor with some history.
   * Default 0.1, chosen by the audit in BENCHMARKS.md. A slot's
   * `data-attune-exploration` overrides it.
   */
  exploration?: number;
  /**
   * Exposure caps: feature prefix → most items with one value of it before every
   * other item has had a place, such as `{ author: 2 }`. Default none. A slot's
   * `data-attune-cap="author:2"` overrides it.
   */
  caps?: Record<string, number>;
  /** Site-supplied context added to every interaction, such as `{ region: 'north' }`. */
  context?: Context;
  /**
   * The site's rules, applied on the device before re-ranking: when a
   * condition holds, boost, pin, hide or show only some items. A page can add
   * more in `<script type="application/json" data-attune-rules>`. A malformed
   * rule is left out with one `[attune]` warning. See {@link Rule}.
   */
  rules?: Rule[];
  /**
   * The site's audiences (segments), decided on the device: `attune.audiences()`
   * lists those the visitor is in, `data-attune-audience="id"` shows an element
   * only to them. A malformed one is left out with one `[attune]` warning.
   */
  audiences?: AudienceDefinition[];
  /** Context keys whose buckets get their own weights. Default `['daypart', 'week']`. */
  contextKeys?: string[];
  /** Most features (with their context buckets) kept in the profile. Default 2000. */
  maxFeatures?: number;
  /** Most interactions kept in the event log. Default 5000. */
  maxEvents?: number;
  /** Interactions older than this are dropped from the log, in ms or a duration. Default 90 days. */
  maxEventAge?: number | string;
  environment?: Environment;
  /**
   * Print the cause of each `[attune]` warning whole, with its stack, for a
   * developer at work on the page. Default false: a warning is one line,
   * what went wrong and why. On the script tag, `data-debug`.
   */
  debug?: boolean;
}

/** What {@link Attune.export} returns: version 1 of the export format. */
export interface AttuneExport {
  format: 'attune-export';
  version: 1;
  /** ISO 8601. */
  exportedAt: string;
  namespace: string;
  consent: {
    state: ConsentState | 'denied';
    status: StorageStatus;
    grantedAt?: number;
    /**
     * What the site's own word counts for on a new page view: `granted` where
     * it passes `consent: 'granted'` and the browser sends no Global Privacy
     * Control, so storage opens without asking (in a new tab after an erase
     * too); otherwise `required`.
     */
    site: ConsentState;
  };
  settings: {
    halfLifeMs: number;
    strength: number;
    contextKeys: string[];
    maxFeatures: number;
    maxEvents: number;
    maxEventAgeMs: number;
    /** Where the visitor set their surprise dial, if they did. */
    surprise?: number;
  };
  /**
   * The opt-in aggregate reporting, when the site turned it on: what a report
   * may reveal (ε per period) and when the last one was sent.
   */
  reporting?: { endpoint: string; epsilon: number; features: string[]; periodMs: number; lastSentAt?: number };
  /**
   * The site's holdout, when it has one: the visitor's group and when it was
   * drawn (absent until the first ranking draws it), the share and the outcomes.
   */
  holdout?: { share: number; outcomes: string[]; group?: HoldoutGroup; assignedAt?: number };
  /** What the visitor (or the site for them) stated with `set()`, by name. */
  stated?: Record<string, StatedValue>;
  /** Every interaction kept, oldest first, those not yet stored included. */
  interactions: Interaction[];
  /** The learned features, strongest first. */
  profile: LearnedFeature[];
}

/** A ready Attune instance. */
export interface Attune {
  /** Where interactions are kept now. */
  readonly status: StorageStatus;
  readonly consent: ConsentControl;
  /** Records an interaction; the profile changes at once, storage is written in batches. */
  track(type: InteractionType, details?: TrackDetails): void;
  /** Records stars 1..5 for an item. */
  rate(item: string, stars: number, details?: Omit<TrackDetails, 'item' | 'value'>): void;
  /** Records that the visitor likes an item: the strongest signal after a purchase. */
  like(item: string, details?: Omit<TrackDetails, 'item'>): void;
  /** Records "Not for me": the item leaves the places in view, and what choosing it taught is taken back. */
  dislike(item: string, details?: Omit<TrackDetails, 'item'>): void;
  /** States a preference, such as `prefer('topic:tennis', 1)`; negative to avoid. */
  prefer(feature: string, weight: number): void;
  /** Orders candidates for this visitor. Pure and synchronous. */
  rank(candidates: readonly Candidate[], options?: RankOptions): RankedItem[];
  /**
   * Orders every slot under root (default: the document). A slot already
   * ordered that the visitor points at, or has moved keyboard focus into, is
   * ordered once they leave it, so nothing moves under them; its items then
   * slide to their places in a quarter second (they jump where the visitor
   * asks for reduced motion).
   */
  apply(root?: ParentNode): void;
  /** The learned features, strongest first. */
  profile(): LearnedFeature[];
  /**
   * Removes an interest: the feature leaves the profile and every kept
   * interaction, and those interactions no longer name their item (with a
   * model, the items chosen would teach the interest back). Items shown later may teach it again; `prefer(feature, -1)`
   * asks for less of it instead.
   */
  forget(feature: string): Promise<void>;
  /** True while the visitor has paused personalization (kept across page views where storage is open). */
  readonly paused: boolean;
  /** Pauses personalization: nothing is learned or kept, and slots and rankings follow the site's order. */
  pause(): Promise<void>;
  /** Ends a pause: learning and personal order start again. */
  resume(): Promise<void>;
  /**
   * Where the visitor's dial stands, from 0 ("more of what I like") to 1
   * ("surprise me"); before they turn it, where the site's `diversity` and
   * `exploration` put it.
   */
  readonly surprise: number;
  /**
   * Turns the visitor's dial: it sets the diversity and exploration of their
   * rankings (up to 0.4 and 0.2 at 1, twice the defaults, which sit at 0.5), in place of the site's options, and is
   * kept across page views where storage is open. A slot or `rank()` call that
   * names its own diversity or exploration keeps it. The panel offers it.
   */
  setSurprise(level: number): Promise<void>;
  /**
   * Why an item sits where the latest ranking of this page view put it, in
   * words a visitor understands ("You read 4 items about tennis (topic) this week",
   * "Pinned by the site"); empty for an item not among the first 100
   * places of a ranking on this page view. A visitor in the site's holdout
   * hears that first: "You are in the group that sees the site's own order".
   */
  explain(item: string): Promise<string[]>;
  /**
   * Calls `listener` after each change that can change a ranking: an
   * interaction learned, a preference stated, an interest forgotten, a pause
   * or resume, the surprise dial, an erase, the site's model loaded, or the
   * history of other tabs adopted. The changes of one task are told once,
   * after it (never between the listeners of the event that made them).
   *
   * @param listener - called with no arguments; what it throws becomes one `[attune]` warning.
   * @returns a function that unsubscribes `listener`.
   * @example
   * ```ts
   * const stop = attune.subscribe(() => render(attune.rank(products)));
   * ```
   */
  subscribe(listener: () => void): () => void;
  /** Resolves when every buffered interaction is stored. */
  flush(): Promise<void>;
  /**
   * Everything Attune keeps about this visitor, stored or not yet stored, as
   * one versioned, JSON-safe object: for the visitor to download or inspect.
   */
  export(): Promise<AttuneExport>;
  /**
   * Adds the interactions of an export (from this site, this device or
   * another) to what is kept, and learns them. The file is checked whole: if
   * anything in it is malformed, it throws a TypeError naming the first bad
   * interaction and changes nothing.
   */
  import(exported: unknown): Promise<void>;
  /**
   * Deletes everything Attune keeps about this visitor: the database and what
   * this page view holds in memory. Nothing is stored again until
   * `consent.grant()`; a new instance starts empty.
   */
  erase(): Promise<void>;
  /** Stores what is buffered, stops observing the page and closes the database. */
  close(): Promise<void>;
  /**
   * Keeps something the visitor told the site (a first name, a shoe size), on
   * the device only, with the profile: exported, erased, shown in the panel,
   * never sent. `value` is text (a number is kept as its text); `null` removes
   * it. A site passes what it already knows with `{ source: 'site' }`.
   * `name` is 1 to 32 letters, digits, `-` or `_`; a bad name or value throws a TypeError.
   */
  set(name: string, value: string | number | null, options?: { source?: StatedSource }): Promise<void>;
  /** A stated attribute's text, or undefined where the visitor stated none by that name. */
  get(name: string): string | undefined;
  /** Every stated attribute's text, by name. */
  get(): Record<string, string>;
  /** The site's audiences the visitor is in now, each with the reasons it holds. */
  audiences(): Promise<AudienceMembership[]>;
  /**
   * Chooses which of several versions of one message this visitor sees, as a
   * container of `data-attune-variants` does: a variant for an audience the
   * visitor is in (or one the site's rules pin), else the one whose features
   * their interests clearly match, else Thompson sampling on their own
   * responses to these variants, else the first. The choice holds for the
   * page view (a second call with the same name gets the same variant) and
   * `explain(name)` says why; while paused, the first. Responses are counted
   * with the {@link VariantChoice}'s `watch()`, `seen()` and `clicked()`, and
   * kept as the markup's are: on the device, exported and erased with the rest.
   * Loads the variants part (`attune-variants.min.js`) the first time.
   *
   * @param name - the message's name, as `data-attune-variants="name"` (1 to 256 printable characters).
   * @param variants - 1 to 20 versions, in the site's order, each `{ id, features?, audience? }` with its own id.
   * @returns the chosen variant's id and the reason; rejects with a TypeError naming a bad argument.
   * @example
   * ```ts
   * const cta = await attune.variant('cta', [
   *   { id: 'subscribe' },
   *   { id: 'shoes-sale', features: ['category:shoes'] },
   *   { id: 'welcome-back', audience: 'regulars' },
   * ]);
   * button.textContent = TEXTS[cta.id];
   * cta.watch(button); // an impression once half visible for a second, a click on it
   * ```
   */
  variant(name: string, variants: readonly Variant[]): Promise<VariantChoice>;
}

/** One version of a message, for {@link Attune.variant}: the attributes of a `data-attune-variant` child, as an object. */
export interface Variant {
  /** Its id, 1 to 256 printable characters, unique among the message's variants. */
  id: string;
  /** Features of the visitors it suits (`['category:shoes']`), as `data-attune-features`. */
  features?: string[];
  /** An audience it is for (`'runners'`), or `'!runners'` for visitors not in it; never shown where membership is not known. */
  audience?: string;
}

/** The variant {@link Attune.variant} chose, and how to count the visitor's responses to it. */
export interface VariantChoice {
  /** The chosen variant's id. */
  readonly id: string;
  /** Why it was chosen: `in-audience`, `rule`, `interest`, `variant-tried`, or `site-order` for the site's first. */
  readonly reason: Reason;
  /**
   * Counts the visitor's responses to the element that shows the variant, as
   * for a container in the markup: an impression once it is at least half
   * visible for a second, a click in it (other than on a "Why this?" button).
   * Each is counted once per page view.
   */
  watch(element: Element): void;
  /** Counts an impression of the variant, once per page view: for a site that knows it was seen without `watch()`. */
  seen(): void;
  /** Counts a click on the variant (with its impression, where none was counted), once per page view; the click teaches its features too. */
  clicked(): void;
}

/** Who stated an attribute: the visitor (the default), or the site for them. */
export type StatedSource = 'visitor' | 'site';

/** A stated attribute as kept and exported. */
export interface StatedValue {
  value: string;
  source: StatedSource;
  /** When it was set, epoch ms. */
  at: number;
}

/**
 * A condition on the visitor, held on the device. One of:
 * - `{ did: 'purchase', item: 'trail-shoes' }` (or `feature: 'topic:running'`), with
 *   `atLeast` times (default 1) and `withinDays` (default: all kept history);
 *   `did: 'any'` counts every type;
 * - `{ interest: 'topic:running', atLeast: 0.2 }`: the feature's share of the
 *   visitor's positive interest in its prefix (`topic`), 0..1;
 * - `{ attribute: 'diet', is: 'vegan' }` (`is` a text or a list; without it, set at all);
 * - `{ context: 'device', is: 'mobile' }`: a context bucket (`device`, `daypart`,
 *   `week`, `referrer`, `lang`, or the site's own like `region`, `weather`);
 * - `{ audience: 'runners' }`;
 * - `{ visits: 3 }`: at least this many visits (this one included);
 * - `{ all: [...] }`, `{ any: [...] }`, `{ not: condition }`.
 */
export type Condition =
  | { did: InteractionType | 'any'; item?: string; feature?: string; atLeast?: number; withinDays?: number }
  | { interest: string; atLeast: number }
  | { attribute: string; is?: string | string[] }
  | { context: string; is: string | string[] }
  | { audience: string }
  | { visits: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * What a rule does to the items it names (`items`, by id, and/or `features`:
 * an item with any of them): `boost` lifts them by an amount (1 is the whole
 * span of the site's order; negative lowers), `pin` puts the first of them at
 * that place (0 first), `hide` leaves them out, `only` leaves out every other item.
 */
export type RuleAction = { items?: string[]; features?: string[] } & (
  | { boost: number }
  | { pin: number }
  | { hide: true }
  | { only: true }
);

/**
 * A site's rule: when `when` holds (all of a list), `then` applies.
 * `reason` is what the visitor reads ("Because you bought the trail shoes");
 * without it, one is worded from the condition.
 */
export interface Rule {
  id: string;
  when: Condition | Condition[];
  then: RuleAction;
  reason?: string;
}

/** A site's audience: visitors for whom `when` holds (all of a list). `label` names it in the panel. */
export interface AudienceDefinition {
  id: string;
  when: Condition | Condition[];
  label?: string;
}

/** An audience the visitor is in, and the reasons, in words. */
export interface AudienceMembership {
  id: string;
  label: string;
  reasons: string[];
}
