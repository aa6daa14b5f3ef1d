/**
 * Implicit-feedback matrix factorisation (Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets", ICDM 2008), solved by alternating
 * least squares with a few conjugate-gradient steps per row (Takács, Pilászy and
 * Tikk, RecSys 2011), as the `implicit` library does: each step costs
 * O(nnz·k + rows·k²) instead of a k × k solve per row.
 */

/** Who interacted with what, row by row: `columns[offsets[r] .. offsets[r + 1])` with their weights. */
export interface SparseRows {
  rows: number;
  columns: number;
  offsets: Uint32Array;
  indices: Uint32Array;
  weights: Float64Array;
}

export interface AlsSettings {
  factors: number;
  /** λ, the ridge on every factor. */
  regularization: number;
  /** α: an observation's confidence is 1 + α × weight. */
  confidence: number;
  iterations: number;
  /** Conjugate-gradient steps per row and half-iteration. */
  cgSteps?: number;
  seed?: number;
  /** Called after each iteration with its number (from 1). */
  onIteration?: (iteration: number) => void;
}

export interface AlsFactors {
  /** rows × k, row-major. */
  users: Float64Array;
  /** columns × k, row-major. */
  items: Float64Array;
}

/** Builds the sparse rows of a user × item matrix from (user, item, weight) triples; repeated pairs add up. */
export function sparseRows(rows: number, columns: number, triples: Iterable<readonly [number, number, number]>): SparseRows {
  const byRow: Map<number, number>[] = Array.from({ length: rows }, () => new Map());
  for (const [row, column, weight] of triples) byRow[row]!.set(column, (byRow[row]!.get(column) ?? 0) + weight);
  const offsets = new Uint32Array(rows + 1);
  byRow.forEach((entries, row) => (offsets[row + 1] = offsets[row]! + entries.size));
  const indices = new Uint32Array(offsets[rows]!);
  const weights = new Float64Array(offsets[rows]!);
  byRow.forEach((entries, row) => {
    let at = offsets[row]!;
    for (const [column, weight] of [...entries].sort((a, b) => a[0] - b[0])) (indices[at] = column), (weights[at++] = weight);
  });
  return { rows, columns, offsets, indices, weights };
}

/** The same matrix, item by item. */
export function transpose(matrix: SparseRows): SparseRows {
  const triples: [number, number, number][] = [];
  for (let row = 0; row < matrix.rows; row++) {
    for (let at = matrix.offsets[row]!; at < matrix.offsets[row + 1]!; at++) triples.push([matrix.indices[at]!, row, matrix.weights[at]!]);
  }
  return sparseRows(matrix.columns, matrix.rows, triples);
}

/** FᵀF + λI for a row-major n × k matrix. */
export function gramian(factors: ArrayLike<number>, k: number, ridge = 0): Float64Array {
  const g = new Float64Array(k * k);
  const n = factors.length / k;
  for (let r = 0; r < n; r++) {
    for (let a = 0; a < k; a++) {
      const value = factors[r * k + a]!;
      if (value === 0) continue;
      for (let b = 0; b < k; b++) g[a * k + b] += value * factors[r * k + b]!;
    }
  }
  for (let a = 0; a < k; a++) g[a * k + a] += ridge;
  return g;
}

/** mulberry32: a small seeded generator, so a build (and a simulated log) is reproducible. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * One half-iteration: each row x of `solve` moves toward the minimiser of
 *   Σⱼ cⱼ (pⱼ − x·yⱼ)² + λ‖x‖²   with pⱼ = 1 and cⱼ = 1 + α·weight for its observed j, pⱼ = 0, cⱼ = 1 elsewhere,
 * whose normal equations are (YᵀY + λI + Σⱼ α·wⱼ yⱼyⱼᵀ) x = Σⱼ (1 + α·wⱼ) yⱼ.
 */
function halfStep(solve: Float64Array, fixed: Float64Array, matrix: SparseRows, settings: AlsSettings): void {
  const k = settings.factors;
  const alpha = settings.confidence;
  const g = gramian(fixed, k, settings.regularization);
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const ap = new Float64Array(k);
  // A·v = G v + Σⱼ α wⱼ (yⱼ·v) yⱼ
  const multiply = (row: number, v: Float64Array, out: Float64Array) => {
    for (let a = 0; a < k; a++) {
      let sum = 0;
      for (let b = 0; b < k; b++) sum += g[a * k + b]! * v[b]!;
      out[a] = sum;
    }
    for (let at = matrix.offsets[row]!; at < matrix.offsets[row + 1]!; at++) {
      const y = matrix.indices[at]! * k;
      let dot = 0;
      for (let a = 0; a < k; a++) dot += fixed[y + a]! * v[a]!;
      dot *= alpha * matrix.weights[at]!;
      for (let a = 0; a < k; a++) out[a] += dot * fixed[y + a]!;
    }
  };
  for (let row = 0; row < matrix.rows; row++) {
    const x = solve.subarray(row * k, row * k + k);
    multiply(row, x, r);
    for (let a = 0; a < k; a++) r[a] = -r[a]!;
    for (let at = matrix.offsets[row]!; at < matrix.offsets[row + 1]!; at++) {
      const y = matrix.indices[at]! * k;
      const c = 1 + alpha * matrix.weights[at]!;
      for (let a = 0; a < k; a++) r[a] += c * fixed[y + a]!;
    }
    p.set(r);
    let residual = 0;
    for (let a = 0; a < k; a++) residual += r[a]! * r[a]!;
    for (let step = 0; step < (settings.cgSteps ?? 3) && residual > 1e-20; step++) {
      multiply(row, p, ap);
      let curvature = 0;
      for (let a = 0; a < k; a++) curvature += p[a]! * ap[a]!;
      const length = residual / curvature;
      let next = 0;
      for (let a = 0; a < k; a++) {
        x[a] += length * p[a]!;
        r[a] -= length * ap[a]!;
        next += r[a]! * r[a]!;
      }
      for (let a = 0; a < k; a++) p[a] = r[a]! + (next / residual) * p[a]!;
      residual = next;
    }
  }
}

/** Trains user and item factors on a user × item matrix of interaction weights. */
export function trainImplicitAls(matrix: SparseRows, settings: AlsSettings): AlsFactors {
  const k = settings.factors;
  const random = mulberry32(settings.seed ?? 1);
  // Users start at zero and are solved first; items start small and random, so the first solve has something to fit.
  const users = new Float64Array(matrix.rows * k);
  const items = Float64Array.from({ length: matrix.columns * k }, () => (random() - 0.5) * 0.1);
  const byItem = transpose(matrix);
  for (let iteration = 1; iteration <= settings.iterations; iteration++) {
    halfStep(users, items, matrix, settings);
    halfStep(items, users, byItem, settings);
    settings.onIteration?.(iteration);
  }
  return { users, items };
}

/**
 * The training objective: Σ over all (u, i) of c (p − xᵤ·yᵢ)² plus λ(‖X‖² + ‖Y‖²).
 * The sum over unobserved pairs is Σ (xᵤ·yᵢ)² = ⟨XᵀX, YᵀY⟩, less the observed pairs.
 */
export function alsLoss(matrix: SparseRows, { users, items }: AlsFactors, settings: AlsSettings): number {
  const k = settings.factors;
  const gu = gramian(users, k);
  const gi = gramian(items, k);
  let loss = 0;
  for (let i = 0; i < k * k; i++) loss += gu[i]! * gi[i]!;
  for (let row = 0; row < matrix.rows; row++) {
    for (let at = matrix.offsets[row]!; at < matrix.offsets[row + 1]!; at++) {
      const column = matrix.indices[at]!;
      let score = 0;
      for (let a = 0; a < k; a++) score += users[row * k + a]! * items[column * k + a]!;
      const c = 1 + settings.confidence * matrix.weights[at]!;
      loss += c * (1 - score) ** 2 - score * score;
    }
  }
  let norms = 0;
  for (const value of users) norms += value * value;
  for (const value of items) norms += value * value;
  return loss + settings.regularization * norms;
}
