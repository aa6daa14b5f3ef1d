import type { AudienceMembership, Candidate, Context, Interaction, StorageStatus } from './types';
import type { Config } from './options';
import type { Learner } from './profile/learner';
import type { VisitorSettings } from './profile/settings';
import type { ItemMemory } from './profile/item-memory';
import type { Batcher } from './store/batcher';
import type { InteractionStore } from './store/interaction-store';
import type { IndexedDBStore } from './store/indexeddb';
import type { Explorer } from './rank/explore';
import type { ScorePart } from './rank/blend';
import type { Changes } from './profile/changes';
import type { ProfileCopy } from './store/profile-copy';

/**
 * What the parts of one instance share, built once by `createAttune`: each
 * part (consent, tracking, ranking, the visitor's data controls) reads and
 * changes the instance through it, so no part needs another's closure.
 */
export interface Core {
  readonly config: Config;
  /** Context buckets that hold for the whole page view (device, language, referrer), plus the site's own context. */
  readonly pageBuckets: Context;
  readonly learner: Learner;
  readonly batcher: Batcher;
  readonly settings: VisitorSettings;
  readonly items: ItemMemory;
  /** Exploration's draws for this page view. */
  readonly explorer: Explorer;
  /** Where interactions are kept now: IndexedDB once consent allows it, else this page view's memory. */
  store: InteractionStore;
  /** The state of storage; changed only through `moveTo` (store/status.ts). */
  status: StorageStatus;
  /**
   * Runs a call on the store in use. Should that store be lost under the call
   * (the browser closed the connection), the call runs again on the store
   * that replaced it, so no method fails for a connection it never chose.
   */
  useStore<T>(use: (store: InteractionStore) => Promise<T>): Promise<T>;
  /** Shows each slot in the site's order: after an erase, until consent is given again. Set where there are slots. */
  showSiteOrder?(): void;
  closed: boolean;
  /** The score parts after the item's features: the model's, once model support has loaded. */
  modelParts: readonly ScorePart[];
  /** Run each time storage opens, with the store: the aggregate report's schedule plugs in here. */
  readonly onStorageOpen: ((store: IndexedDBStore) => void)[];
  /**
   * Whether the visitor is in one of the site's audiences; set by the site
   * rules part once it knows (rules/rules-support.ts). Whatever chooses by
   * audience (variants) asks it when present.
   */
  inAudience?: (id: string) => boolean;
  /** The site's listeners to changes of the profile and settings (`subscribe()`). */
  readonly changes: Changes;
  /** The profile's copy for a quick first ordering, where the database is the page's own; set by consent. */
  copy?: ProfileCopy;
  /**
   * The site's rules for one ranking, set by the site rules part: the
   * candidates with the items rules hide left out and those they pin moved to
   * their places, and the score part of their boosts; undefined where no rule holds.
   */
  _siteRules?: (candidates: readonly Candidate[], context: Context) => { candidates: Candidate[]; part: ScorePart } | undefined;
  /** Fills stated text and decides audience elements under the roots; set by the site rules part. */
  _personalMarkup?: (roots: readonly ParentNode[]) => void;
  /** Fills stated text again after `set()`: the visitor's own change shows at once. */
  _statedChanged?: () => void;
  /** The audiences the visitor is in now, with their reasons; set by the site rules part. */
  _audienceList?: () => AudienceMembership[];
  /** Told when everything this page view holds is dropped (an erase): a part that keeps a copy of the history drops it. */
  _erased?: () => void;
  /** Told when the visitor forgets a feature: a part that keeps a copy of the history forgets it there too. */
  _forgot?: (feature: string) => void;
  /** Resolves once storage has opened, or given up; what only the database holds is read after it. Set at start. */
  _storageSettled?: Promise<void>;
  /**
   * The history the profile's copy carried (unchecked), where this page view
   * was ordered from the copy: conditions on what the visitor did may hold
   * against it before the database opens. Set by consent.
   */
  _copiedHistory?: unknown;
  /** The history to keep in the profile's copy, where a part holds it whole; set by the site rules part. */
  _historyForCopy?: () => Interaction[] | undefined;
  /** Resolves once the history the site's rules hold is the database's, where they read it; set by the site rules part. */
  _historyRead?: Promise<void>;
  /** Told of every interaction recorded on this page view, for conditions on what the visitor did. */
  _recorded?: (interaction: Interaction) => void;
  /**
   * Loads the site rules part, for rules the site's model carries; resolves
   * once it is in use with the visitor's history read. Set by rules/start-rules.ts.
   */
  _needRules?: () => Promise<void>;
  /** Reads the visitor's history where a rule now needs it and it is not read yet; set by the site rules part. */
  _readHistory?: () => Promise<void> | undefined;
}
