import type { Model } from '../model/format';
import { itemRows, type ItemRows } from '../model/item-vectors';

/**
 * How far the history's decay may move before the fold-in is solved again
 * without a change to the history: 1/256 of its weight, about two hours at a
 * 14-day half-life, no more than the model's 8-bit rounding of its factors.
 * Time moves x little: where the history is small beside the Gramian, x
 * shrinks with the decay as a whole, and where it dominates, x keeps still;
 * only the balance between the two turns it, and the collaborative part is
 * standardized over the candidates, so a common scale moves no item. So the
 * solve runs once per change of the profile, not once per ranking.
 */
const DECAY_BEFORE_SOLVING_AGAIN = 1 / 256;

/**
 * Solves A x = b in place for a symmetric positive-definite A (k × k, row-major)
 * by Cholesky: A is overwritten by its factor, b by x. O(k³/6).
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) {
    let diagonal = a[j * k + j]!;
    for (let p = 0; p < j; p++) diagonal -= a[j * k + p]! ** 2;
    // A is G + λI plus non-negative terms; a non-positive pivot means a broken model, so give no answer.
    if (!(diagonal > 0)) return void b.fill(0);
    const root = Math.sqrt(diagonal);
    a[j * k + j] = root;
    for (let i = j + 1; i < k; i++) {
      let sum = a[i * k + j]!;
      for (let p = 0; p < j; p++) sum -= a[i * k + p]! * a[j * k + p]!;
      a[i * k + j] = sum / root;
    }
  }
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let p = 0; p < i; p++) sum -= a[i * k + p]! * b[p]!;
    b[i] = sum / a[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let p = i + 1; p < k; p++) sum -= a[p * k + i]! * b[p]!;
    b[i] = sum / a[i * k + i]!;
  }
}

/**
 * The visitor's dense profile against a model: their own decayed history,
 * item by item, folded into the model's factor space and content space.
 *
 * Collaborative: the implicit-ALS user step (Hu, Koren and Volinsky 2008) with
 * the model's item factors y held fixed:
 *   x = (YᵀY + λI + α Σ |rᵢ| yᵢyᵢᵀ)⁻¹ (1 + α) Σ rᵢ yᵢ
 * where rᵢ is the item's decayed interaction weight (a click is 1). For a
 * history of single clicks this is exactly the training's user step
 * (confidence 1 + α, preference 1); a dislike's negative weight pulls away.
 * Content: u = Σ rᵢ cᵢ over the items' hashed content vectors.
 * Every term is linear in the rᵢ, which all decay at one rate, so the sums are
 * kept at a fixed reference time by forward decay (Cormode et al., ICDE 2009):
 * an update at `at` is scaled up by 2^((at − t₀)/H) rather than every sum
 * scaled down. An interaction costs O(k²/2) (the outer sum is symmetric: its
 * upper triangle is kept), paid at the next ranking, which then solves one
 * k × k system.
 */
export class DenseProfile {
  /** Σ |rᵢ| yᵢyᵢᵀ (upper triangle), Σ rᵢ yᵢ, Σ rᵢ cᵢ and Σ |rᵢ| (the evidence behind them), all at time `_t`. */
  _outer: Float64Array;
  _sum: Float64Array;
  _content: Float64Array;
  _mass = 0;
  /** Σ max(rᵢ, 0): whether the visitor chose anything, rather than only turned things down. */
  _chosen = 0;
  _t: number | undefined;
  /** Updates not yet in the factor sums: the item's factors, its change and its confidence. */
  _queued: [Float32Array, number, number][] = [];
  /** Where each item's row of the model comes from (model/item-vectors.ts). */
  readonly _rows: ItemRows;
  /** The last solve: at which decay of the sums and after how many updates. */
  _solved?: { decay: number; updates: number; x: Float64Array };
  _updates = 0;

  constructor(
    readonly _model: Model,
    readonly _halfLifeMs: number,
  ) {
    const k = _model.factors?.dimensions ?? 0;
    this._outer = new Float64Array(k * k);
    this._sum = new Float64Array(k);
    this._rows = itemRows(_model);
    this._content = new Float64Array(_model.content?.dimensions ?? 0);
  }

  /** A fold-in against the same model with no history. */
  empty(): DenseProfile {
    return new DenseProfile(this._model, this._halfLifeMs);
  }

  /**
   * An item's weight went from `before` to `after` at `at`; `vector` is the
   * text the item carried, for an item the model's table does not list. Items
   * with neither are ignored.
   */
  update(item: string, before: number, after: number, at: number, vector?: string): void {
    const row = before === after ? undefined : this._rows.of(item, vector);
    if (!row) return;
    let growth = 2 ** ((at - (this._t ??= at)) / this._halfLifeMs);
    // Far from the reference time the factors leave float range: move the reference instead.
    if (growth > 2 ** 64) {
      this._rebase(1 / growth, at);
      growth = 1;
    }
    this._updates++;
    const change = (after - before) * growth;
    const confidence = (Math.abs(after) - Math.abs(before)) * growth;
    this._mass += confidence;
    this._chosen += (Math.max(after, 0) - Math.max(before, 0)) * growth;
    // The O(k²) part waits for the next solve: track() stays cheap, and a ranking applies what came since.
    if (row.factors) this._queued.push([row.factors, change, confidence]);
    const content = this._content.length ? row.content : undefined;
    if (content) {
      const scale = content.scale * change;
      for (let e = 0; e < content.buckets.length; e++) this._content[content.buckets[e]!] += scale * content.values[e]!;
    }
  }

  /** Adds the queued updates to the factor sums. */
  _apply(): void {
    const queued = this._queued;
    if (!queued.length) return;
    const k = this._model.factors!.dimensions;
    const { _outer: outer, _sum: sum } = this;
    for (const [y, change, confidence] of queued) {
      for (let a = 0; a < k; a++) {
        sum[a] += change * y[a]!;
        const scaled = confidence * y[a]!;
        for (let b = a, at = a * k + a; b < k; b++, at++) outer[at] += scaled * y[b]!;
      }
    }
    queued.length = 0;
  }

  /** The visitor's factor vector x at `now`, or undefined without factors or history. */
  factors(now: number): Float64Array | undefined {
    const factors = this._model.factors;
    if (!factors || this._updates === 0) return undefined;
    const decay = this._decay(now);
    const solved = this._solved;
    if (solved?.updates === this._updates && Math.abs(decay / solved.decay - 1) <= DECAY_BEFORE_SOLVING_AGAIN) return solved.x;
    this._apply();
    const { dimensions: k, regularization, confidence: alpha, gramian } = factors;
    const a = new Float64Array(k * k);
    const x = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) a[i * k + j] = a[j * k + i] = gramian[i * k + j]! + alpha * decay * this._outer[i * k + j]!;
    }
    for (let i = 0; i < k; i++) {
      a[i * k + i] += regularization;
      x[i] = (1 + alpha) * decay * this._sum[i]!;
    }
    solveSymmetric(a, x, k);
    this._solved = { decay, updates: this._updates, x };
    return x;
  }

  /** Σ |rᵢ| at `now`: how much history the fold-in rests on, in weight units. */
  mass(now: number): number {
    return this._mass * this._decay(now);
  }

  /** True once the visitor has chosen an item the model knows (and it has not faded to nothing). */
  chose(now: number): boolean {
    return this._chosen * this._decay(now) > 1e-6;
  }

  /** The visitor's content vector, unit length, or undefined without content or history. */
  content(): Float64Array | undefined {
    let norm = 0;
    for (const value of this._content) norm += value * value;
    return norm > 0 ? this._content.map((value) => value / Math.sqrt(norm)) : undefined;
  }

  /** How much the sums kept at `_t` have decayed by `now`. */
  _decay(now: number): number {
    return 2 ** -((now - (this._t ?? now)) / this._halfLifeMs);
  }

  _rebase(factor: number, t: number): void {
    // Queued updates are scaled for the old reference time: add them first.
    if (this._model.factors) this._apply();
    this._mass *= factor;
    this._chosen *= factor;
    for (const sums of [this._outer, this._sum, this._content]) for (let i = 0; i < sums.length; i++) sums[i] *= factor;
    this._t = t;
  }
}
