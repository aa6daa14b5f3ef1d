/**
 * Keeps one build's factor space where the previous build's was. Two
 * trainings of implicit ALS find factor spaces that differ by a rotation (and
 * noise): every score x · y is unchanged when users and items turn together,
 * so each training picks its own. A visitor's device keeps the vectors of the
 * items they chose from the build that was live then; for those to mean the
 * same to this week's build, this week's item factors are turned onto last
 * week's by the orthogonal Procrustes solution (Schönemann 1966) over the items
 * both builds know: R = argmin ‖A R − B‖ over orthogonal R, which is U Vᵀ for
 * AᵀB = U Σ Vᵀ. A rotation changes no score within the build.
 */

/** How the alignment went: the items it rested on, and how far apart the two spaces are before and after. */
export interface Alignment {
  shared: number;
  /** ‖A − B‖ / ‖B‖ and ‖A R − B‖ / ‖B‖ over the shared items. */
  before: number;
  after: number;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric k × k matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, v, k, p, q, c, s);
      }
    }
  }
  return { values: Float64Array.from({ length: k }, (_, i) => a[i * k + i]!), vectors: v };
}

/** One Jacobi rotation in the (p, q) plane: A ← JᵀAJ, V ← VJ. */
function rotate(a: Float64Array, v: Float64Array, k: number, p: number, q: number, c: number, s: number): void {
  for (let r = 0; r < k; r++) {
    const [arp, arq] = [a[r * k + p]!, a[r * k + q]!];
    a[r * k + p] = c * arp - s * arq;
    a[r * k + q] = s * arp + c * arq;
  }
  for (let r = 0; r < k; r++) {
    const [apr, aqr] = [a[p * k + r]!, a[q * k + r]!];
    a[p * k + r] = c * apr - s * aqr;
    a[q * k + r] = s * apr + c * aqr;
  }
  for (let r = 0; r < k; r++) {
    const [vrp, vrq] = [v[r * k + p]!, v[r * k + q]!];
    v[r * k + p] = c * vrp - s * vrq;
    v[r * k + q] = s * vrp + c * vrq;
  }
}

/**
 * The orthogonal R (k × k, row-major) that best turns rows `a` onto rows `b`:
 * R = U Vᵀ for M = AᵀB = U Σ Vᵀ, with V and Σ² from the eigenvectors of MᵀM
 * and each uᵢ = M vᵢ / σᵢ. Directions the shared items leave empty (a factor
 * the ridge shrank to nothing in both builds) have no σᵢ: they are paired with
 * the rest of an orthonormal basis, which moves nothing that carries weight.
 */
export function procrustes(pairs: readonly [ArrayLike<number>, ArrayLike<number>][], k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (const [a, b] of pairs) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m[i * k + j] += a[i]! * b[j]!;
  const mtm = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let r = 0; r < k; r++) mtm[i * k + j] += m[r * k + i]! * m[r * k + j]!;
  const { values, vectors: v } = symmetricEigen(mtm, k);
  const largest = Math.max(...values);
  if (!(largest > 0)) throw new TypeError('the items both builds know have no factors to align on');
  const u: Float64Array[] = [];
  const empty: number[] = [];
  for (let e = 0; e < k; e++) {
    if (!(values[e]! > largest * 1e-10)) {
      empty.push(e);
      continue;
    }
    const column = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) column[i] += m[i * k + j]! * v[j * k + e]!;
    u[e] = orthonormal(column, u);
  }
  // The rest of the basis, from the standard axes, for the directions the items leave empty.
  for (let axis = 0; empty.length && axis < k; axis++) {
    const column = orthonormal(Float64Array.from({ length: k }, (_, i) => (i === axis ? 1 : 0)), u);
    if (column.some((value) => value !== 0)) u[empty.shift()!] = column;
  }
  const r = new Float64Array(k * k);
  for (let e = 0; e < k; e++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) r[i * k + j] += u[e]![i]! * v[j * k + e]!;
  return r;
}

/** `column` made orthogonal to the unit vectors in `basis` and of unit length; zero where nothing of it is left. */
function orthonormal(column: Float64Array, basis: readonly (Float64Array | undefined)[]): Float64Array {
  for (const unit of basis) {
    if (!unit) continue;
    let dot = 0;
    for (let i = 0; i < column.length; i++) dot += column[i]! * unit[i]!;
    for (let i = 0; i < column.length; i++) column[i] -= dot * unit[i]!;
  }
  let norm = 0;
  for (const value of column) norm += value * value;
  return norm > 1e-12 ? column.map((value) => value / Math.sqrt(norm)) : column.fill(0);
}

/** Distance between rows, relative to the size of `b`'s: ‖A − B‖ / ‖B‖. */
function relativeDistance(pairs: readonly [ArrayLike<number>, ArrayLike<number>][], k: number): number {
  let apart = 0;
  let size = 0;
  for (const [a, b] of pairs) for (let i = 0; i < k; i++) (apart += (a[i]! - b[i]!) ** 2), (size += b[i]! ** 2);
  return Math.sqrt(apart / size);
}

/**
 * Turns `factors` (rows × k, row-major, row r the item `ids[r]`) in place onto
 * the previous build's factors of the same items. Items with no factors on
 * either side (nobody chose them) are left out of the fit.
 */
export function alignFactors(factors: Float64Array, ids: readonly string[], k: number, previous: ReadonlyMap<string, ArrayLike<number>>): Alignment {
  const pairs: [Float64Array, ArrayLike<number>][] = [];
  ids.forEach((id, row) => {
    const before = previous.get(id);
    const now = factors.subarray(row * k, row * k + k);
    if (before && now.some((value) => value !== 0) && Array.prototype.some.call(before, (value: number) => value !== 0)) pairs.push([now, before]);
  });
  if (pairs.length < k) throw new TypeError(`only ${pairs.length} items with factors are in both builds; aligning ${k} factors needs at least ${k}`);
  const distanceBefore = relativeDistance(pairs, k);
  const r = procrustes(pairs, k);
  const row = new Float64Array(k);
  for (let start = 0; start < factors.length; start += k) {
    row.fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) row[j] += factors[start + i]! * r[i * k + j]!;
    factors.set(row, start);
  }
  return { shared: pairs.length, before: distanceBefore, after: relativeDistance(pairs, k) };
}
