import { encodeModel, MAX_MINED_RULES, MAX_RULE_BOOST, MAX_SUCCESSORS, type ModelParts, type TunedSettings } from '../../src/model/format';
import { gramian, sparseRows, trainImplicitAls, type SparseRows } from './als';
import { contentVectors, itemTerms } from './content';
import { logFingerprint } from './fingerprint';
import { denseOffsets, dequantise, quantise } from './quantise';
import { DEFAULT_NEXT, nextPart } from './next';
import { alignFactors, type Alignment } from './align';
import { DEFAULT_RULES, mineRules, type RuleMiningReport, type RuleSettings } from './rules';

/** One item of the site's catalogue. */
export interface CatalogueItem {
  id: string;
  /** Features as the page marks them up: `genre:Comedy`, `author:jane`. */
  features?: readonly string[];
  /** Free text such as a title or description; its words become `word:<w>` terms. */
  text?: string;
}

/** One logged interaction: a user id the model never stores, an item, and a weight (a click is 1). */
export interface LoggedInteraction {
  user: string;
  item: string;
  weight?: number;
  /**
   * When, in epoch milliseconds, where the logs have a time: the audit replays
   * each user's history in this order, and the model learns from it what
   * tends to come next after what (next.ts).
   */
  time?: number;
  /**
   * What the user did, as `track()` records it (`purchase`), where the logs
   * say: rules are mined on the lines of one type. A line without one is of
   * the type the site tracks the logged lines as (`BuildSettings.rules.untyped`).
   */
  type?: string;
}

/** What `buildModel()` builds a model file from: the catalogue, and the logs or factors trained elsewhere. */
export interface BuildInput {
  catalogue: readonly CatalogueItem[];
  /** Interaction logs to train item factors on. */
  interactions?: readonly LoggedInteraction[];
  /** Item factors trained elsewhere (Spark MLlib's `itemFactors`), instead of training here. */
  itemFactors?: ReadonlyMap<string, readonly number[]>;
}

/** How `buildModel()` trains: the factorisation's settings, the content buckets, and the tuned ranking settings to write. */
export interface BuildSettings {
  /** Factors per item (k). Default 64. */
  factors?: number;
  /** λ, the ridge of training and of each visitor's fold-in. Default 10. */
  regularization?: number;
  /** α: an interaction of weight w has confidence 1 + αw. Default 2. */
  confidence?: number;
  /** ALS iterations. Default 15. */
  iterations?: number;
  /** Hashed content buckets; 0 leaves content out. Default 4096. */
  contentWidth?: number;
  /** Most items kept as likely next after each item, from timed logs; 0 leaves the next-item part out. Default 10. */
  successors?: number;
  seed?: number;
  /**
   * Ranking settings written into the model, which the SDK uses where a site
   * sets none: what `attune build-model` chose on the logs (tune.ts).
   */
  tuned?: TunedSettings;
  /** How `tuned` was tuned (tune.ts), recorded so an audit can tune its own model alike. */
  tuning?: { seconds: number; fixed: string[] };
  /**
   * The previous build's item factors (its vectors, read by
   * `readVectorFactors`): this build's factors are turned onto them (align.ts),
   * so a vector a visitor's device kept from that build means the same in this one.
   */
  alignTo?: ReadonlyMap<string, ArrayLike<number>>;
  /**
   * Mines "did A → B" rules from the logs (rules.ts) and writes them into
   * the model, where given: each setting not given is DEFAULT_RULES'.
   * `untyped` is the type of lines that name none (`click` unless given).
   */
  rules?: Partial<RuleSettings> & { untyped?: string };
  /** Progress of long stages, such as `('factors', 3, 15)`. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** The training settings `buildModel()` uses where none is given. */
export const DEFAULT_BUILD: Required<Omit<BuildSettings, 'onProgress' | 'tuned' | 'tuning' | 'alignTo' | 'rules'>> = {
  factors: 64,
  regularization: 10,
  confidence: 2,
  iterations: 15,
  contentWidth: 4096,
  successors: DEFAULT_NEXT.successors,
  seed: 1,
};

/** What a build made: counts of items, users, interactions and factors, for the command line to print. */
export interface BuildSummary {
  items: number;
  /** Items with factors (they had interactions, or came with factors). */
  itemsWithFactors: number;
  users: number;
  interactions: number;
  factors: number;
  contentEntries: number;
  /** Successors kept over all items, in the next-item part (5 bytes each and 8 per item). */
  nextEntries: number;
  bytes: number;
  seconds: number;
  /** Where the build was aligned to a previous one: on how many items, and how far apart the spaces were. */
  alignment?: Alignment;
  /** Where rules were mined: on which type, over how many users, how many passed, and those kept. */
  rules?: RuleMiningReport;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`build-model: ${message}`);
}

type Settings = typeof DEFAULT_BUILD & BuildSettings;

/** The model's rows: the catalogue's items in its order, then items only in the logs as they first appear. */
class Rows {
  readonly ids: string[] = [];
  readonly rowOf = new Map<string, number>();

  constructor(catalogue: readonly CatalogueItem[]) {
    catalogue.forEach((item, line) => {
      check(typeof item?.id === 'string' && item.id.length > 0, `catalogue item ${line + 1} has no id`);
      check(!this.rowOf.has(item.id), `catalogue repeats item ${item.id}`);
      this.add(item.id);
    });
  }

  add(id: string): number {
    const row = this.rowOf.get(id);
    if (row !== undefined) return row;
    this.rowOf.set(id, this.ids.length);
    return this.ids.push(id) - 1;
  }
}

/**
 * The logs as a user × item matrix (user ids only group them), items added to
 * the rows as they appear, and each user's timed interactions, for the
 * next-item part.
 */
function logMatrix(interactions: readonly LoggedInteraction[], rows: Rows): { matrix: SparseRows; users: number; histories: { row: number; time: number }[][] } {
  const userOf = new Map<string, number>();
  const triples: [number, number, number][] = [];
  const histories: { row: number; time: number }[][] = [];
  for (const { user, item, weight = 1, time } of interactions) {
    check(Number.isFinite(weight) && weight > 0, `interaction weight must be a positive number, got ${weight} (user ${user}, item ${item})`);
    const u = userOf.get(user) ?? (userOf.set(user, userOf.size), userOf.size - 1);
    const row = rows.add(item);
    triples.push([u, row, weight]);
    if (time !== undefined && Number.isFinite(time)) (histories[u] ??= []).push({ row, time });
  }
  return { matrix: sparseRows(userOf.size, rows.ids.length, triples), users: userOf.size, histories: histories.filter(Boolean) };
}

/** Popularity: distinct users per item, as a share of the most popular item's. */
function popularityOf(matrix: SparseRows): Float64Array {
  const users = new Float64Array(matrix.columns);
  for (const column of matrix.indices) users[column]++;
  // A loop, not Math.max(...users): spreading a large catalogue overflows the call stack.
  let most = 1;
  for (const count of users) most = Math.max(most, count);
  return users.map((count) => count / most);
}

/** Item factors given (trained elsewhere) or trained on the logs; undefined with neither. */
function itemFactorsOf(input: BuildInput, rows: Rows, matrix: SparseRows, settings: Settings): Float64Array | undefined {
  const { factors: k } = settings;
  if (input.itemFactors) {
    const trained = new Float64Array(rows.ids.length * k);
    for (const [id, vector] of input.itemFactors) {
      check(vector.length === k && vector.every(Number.isFinite), `item ${id} has ${vector.length} factors, expected ${k} finite numbers`);
      const row = rows.rowOf.get(id);
      // Factors of items outside the catalogue cannot be shown on the site: skip them.
      if (row !== undefined) trained.set(vector, row * k);
    }
    return trained;
  }
  if (!matrix.indices.length) return undefined;
  const trained = trainImplicitAls(matrix, { ...settings, onIteration: (done) => settings.onProgress?.('factors', done, settings.iterations) }).items;
  // An item nobody interacted with keeps only its random start, shrunk toward zero: it has no factors.
  const users = new Uint32Array(matrix.columns);
  for (const column of matrix.indices) users[column]++;
  users.forEach((count, row) => count === 0 && trained.fill(0, row * k, row * k + k));
  return trained;
}

/** The factors as devices read them (8-bit), with the Gramian of what they read. */
function factorsPart(trained: Float64Array, n: number, settings: Settings): NonNullable<ModelParts['factors']> {
  const k = settings.factors;
  const { values, scale } = quantise(trained, denseOffsets(n, k));
  // The Gramian of what devices will read, so a fold-in is consistent with the factors it scores.
  const g = gramian(dequantise(values, scale, denseOffsets(n, k)), k);
  return { dimensions: k, regularization: settings.regularization, confidence: settings.confidence, values, scale, gramian: g };
}

/** Each item's features and words, hashed and weighted (content.ts), 8-bit. */
function contentPart(catalogue: readonly CatalogueItem[], rows: Rows, settings: Settings): NonNullable<ModelParts['content']> {
  const terms: string[][] = rows.ids.map(() => []);
  for (const item of catalogue) terms[rows.rowOf.get(item.id)!] = itemTerms(item.features ?? [], item.text);
  settings.onProgress?.('content', 0, 1);
  const vectors = contentVectors(terms, settings.contentWidth);
  const { values, scale } = quantise(vectors.values, vectors.offsets);
  settings.onProgress?.('content', 1, 1);
  return { dimensions: settings.contentWidth, offsets: vectors.offsets, buckets: vectors.buckets, values, scale };
}

/** Rules mined with the settings given over the defaults, each checked. */
function minedRules(interactions: readonly LoggedInteraction[], { untyped = 'click', ...given }: NonNullable<BuildSettings['rules']>): RuleMiningReport {
  const settings = { ...DEFAULT_RULES, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  const share = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
  check(share(settings.minSupport) && share(settings.minConfidence), 'rules: minSupport and minConfidence must be shares from 0 to 1');
  check(Number.isFinite(settings.minLift) && settings.minLift >= 0, 'rules: minLift must be a number ≥ 0');
  check(Number.isInteger(settings.max) && settings.max >= 0 && settings.max <= MAX_MINED_RULES, `rules: max must be 0..${MAX_MINED_RULES}`);
  check(settings.boost > 0 && settings.boost <= MAX_RULE_BOOST, `rules: boost must be above 0 and at most ${MAX_RULE_BOOST}`);
  return mineRules(interactions, settings, untyped);
}

/**
 * Builds a model file from a catalogue and, optionally, interaction logs or
 * item factors trained elsewhere. User ids are used to group the logs and are
 * not written: the file holds items only. Factors trained here come with a
 * record of how (training.fingerprint: a digest of the logs), so the audit
 * can tell what the model has seen.
 */
export function buildModel(input: BuildInput, options: BuildSettings = {}): { bytes: Uint8Array; summary: BuildSummary; parts: ModelParts } {
  const started = performance.now();
  // A setting given as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Settings = { ...DEFAULT_BUILD, ...given };
  const { factors: k, contentWidth } = settings;
  check(Number.isInteger(k) && k >= 1 && k <= 256, `factors must be 1..256, got ${k}`);
  check(Number.isInteger(contentWidth) && contentWidth >= 0 && contentWidth <= 65_536, `content width must be 0..65536, got ${contentWidth}`);
  check(Number.isInteger(settings.successors) && settings.successors >= 0 && settings.successors <= MAX_SUCCESSORS, `successors must be 0..${MAX_SUCCESSORS}, got ${settings.successors}`);
  check(!(input.interactions && input.itemFactors), 'give interaction logs or item factors, not both');

  const rows = new Rows(input.catalogue);
  const { matrix, users, histories } = logMatrix(input.interactions ?? [], rows);
  const n = rows.ids.length;
  const parts: ModelParts = { items: rows.ids, popularity: popularityOf(matrix) };
  if (settings.tuned) parts.tuned = settings.tuned;
  const trained = itemFactorsOf(input, rows, matrix, settings);
  const alignment = trained && settings.alignTo ? alignFactors(trained, rows.ids, k, settings.alignTo) : undefined;
  if (trained) parts.factors = factorsPart(trained, n, settings);
  if (trained && !input.itemFactors) {
    parts.training = { fingerprint: logFingerprint(input.interactions!), iterations: settings.iterations, seed: settings.seed };
    if (settings.tuning) parts.training.tuning = settings.tuning;
  }
  if (contentWidth > 0) parts.content = contentPart(input.catalogue, rows, settings);
  const next = settings.successors > 0 ? nextPart(histories, n, { ...DEFAULT_NEXT, successors: settings.successors }) : undefined;
  if (next) parts.next = next;
  const rules = settings.rules && input.interactions ? minedRules(input.interactions, settings.rules) : undefined;
  if (rules?.rules) parts.rules = rules.rules;

  const bytes = encodeModel(parts);
  let itemsWithFactors = 0;
  parts.factors?.scale.forEach((s) => (itemsWithFactors += s > 0 ? 1 : 0));
  return {
    bytes,
    parts,
    summary: {
      ...(alignment && { alignment }),
      ...(rules && { rules }),
      items: n,
      itemsWithFactors,
      users,
      interactions: input.interactions?.length ?? 0,
      factors: parts.factors ? k : 0,
      contentEntries: parts.content?.buckets.length ?? 0,
      nextEntries: parts.next?.items.length ?? 0,
      bytes: bytes.length,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
