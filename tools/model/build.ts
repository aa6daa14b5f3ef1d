import { encodeModel, type ModelParts } from '../../src/model/format';
import { gramian, sparseRows, trainImplicitAls } from './als';
import { contentVectors, itemTerms } from './content';
import { denseOffsets, dequantise, quantise } from './quantise';

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
   * each user's history in this order. The model does not use it.
   */
  time?: number;
}

export interface BuildInput {
  catalogue: readonly CatalogueItem[];
  /** Interaction logs to train item factors on. */
  interactions?: readonly LoggedInteraction[];
  /** Item factors trained elsewhere (Spark MLlib's `itemFactors`), instead of training here. */
  itemFactors?: ReadonlyMap<string, readonly number[]>;
}

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
  seed?: number;
  /** Progress of long stages, such as `('factors', 3, 15)`. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const DEFAULT_BUILD: Required<Omit<BuildSettings, 'onProgress'>> = {
  factors: 64,
  regularization: 10,
  confidence: 2,
  iterations: 15,
  contentWidth: 4096,
  seed: 1,
};

export interface BuildSummary {
  items: number;
  /** Items with factors (they had interactions, or came with factors). */
  itemsWithFactors: number;
  users: number;
  interactions: number;
  factors: number;
  contentEntries: number;
  bytes: number;
  seconds: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`build-model: ${message}`);
}

/**
 * Builds a model file from a catalogue and, optionally, interaction logs or
 * item factors trained elsewhere. User ids are used to group the logs and are
 * not written: the file holds items only.
 */
export function buildModel(input: BuildInput, options: BuildSettings = {}): { bytes: Uint8Array; summary: BuildSummary } {
  const started = performance.now();
  // A setting given as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: typeof DEFAULT_BUILD & BuildSettings = { ...DEFAULT_BUILD, ...given };
  const { factors: k, contentWidth } = settings;
  check(Number.isInteger(k) && k >= 1 && k <= 256, `factors must be 1..256, got ${k}`);
  check(Number.isInteger(contentWidth) && contentWidth >= 0 && contentWidth <= 65_536, `content width must be 0..65536, got ${contentWidth}`);
  check(!(input.interactions && input.itemFactors), 'give interaction logs or item factors, not both');

  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  const add = (id: string) => rowOf.get(id) ?? (rowOf.set(id, ids.length), ids.push(id), ids.length - 1);
  input.catalogue.forEach((item, line) => {
    check(typeof item?.id === 'string' && item.id.length > 0, `catalogue item ${line + 1} has no id`);
    check(!rowOf.has(item.id), `catalogue repeats item ${item.id}`);
    add(item.id);
  });

  // Popularity: distinct users per item, as a share of the most popular item's.
  const userOf = new Map<string, number>();
  const triples: [number, number, number][] = [];
  for (const { user, item, weight = 1 } of input.interactions ?? []) {
    check(Number.isFinite(weight) && weight > 0, `interaction weight must be a positive number, got ${weight} (user ${user}, item ${item})`);
    const u = userOf.get(user) ?? (userOf.set(user, userOf.size), userOf.size - 1);
    triples.push([u, add(item), weight]);
  }
  const n = ids.length;
  const matrix = sparseRows(userOf.size, n, triples);
  const users = new Float64Array(n);
  for (const column of matrix.indices) users[column]++;
  // A loop, not Math.max(...users): spreading a large catalogue overflows the call stack.
  let most = 1;
  for (const count of users) most = Math.max(most, count);
  const parts: ModelParts = { items: ids, popularity: users.map((count) => count / most) };

  let trained: Float64Array | undefined;
  if (input.itemFactors) {
    trained = new Float64Array(n * k);
    for (const [id, vector] of input.itemFactors) {
      check(vector.length === k && vector.every(Number.isFinite), `item ${id} has ${vector.length} factors, expected ${k} finite numbers`);
      const row = rowOf.get(id);
      // Factors of items outside the catalogue cannot be shown on the site: skip them.
      if (row !== undefined) trained.set(vector, row * k);
    }
  } else if (triples.length) {
    trained = trainImplicitAls(matrix, { ...settings, onIteration: (done) => settings.onProgress?.('factors', done, settings.iterations) }).items;
    // An item nobody interacted with keeps only its random start, shrunk toward zero: it has no factors.
    users.forEach((count, row) => count === 0 && trained!.fill(0, row * k, row * k + k));
  }
  let itemsWithFactors = 0;
  if (trained) {
    const { values, scale } = quantise(trained, denseOffsets(n, k));
    // The Gramian of what devices will read, so a fold-in is consistent with the factors it scores.
    const g = gramian(dequantise(values, scale, denseOffsets(n, k)), k);
    scale.forEach((s) => (itemsWithFactors += s > 0 ? 1 : 0));
    parts.factors = { dimensions: k, regularization: settings.regularization, confidence: settings.confidence, values, scale, gramian: g };
  }

  if (contentWidth > 0) {
    const terms: string[][] = ids.map(() => []);
    for (const item of input.catalogue) terms[rowOf.get(item.id)!] = itemTerms(item.features ?? [], item.text);
    settings.onProgress?.('content', 0, 1);
    const vectors = contentVectors(terms, contentWidth);
    const { values, scale } = quantise(vectors.values, vectors.offsets);
    parts.content = { dimensions: contentWidth, offsets: vectors.offsets, buckets: vectors.buckets, values, scale };
    settings.onProgress?.('content', 1, 1);
  }

  const bytes = encodeModel(parts);
  return {
    bytes,
    summary: {
      items: n,
      itemsWithFactors,
      users: userOf.size,
      interactions: triples.length,
      factors: parts.factors ? k : 0,
      contentEntries: parts.content?.buckets.length ?? 0,
      bytes: bytes.length,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
