import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, type Model } from '../../../../src/model/format';
import { DenseProfile, solveSymmetric } from '../../../../src/profile/dense';
import { itemRows } from '../../../../src/model/item-vectors';
import { gramian, trainImplicitAls } from '../../../../tools/model/als';
import { buildModel } from '../../../../tools/model/build';
import { denseOffsets, dequantise, quantise } from '../../../../tools/model/quantise';
import { ITEMS, USERS, twoClusters } from './two-clusters';

const DAY = 86_400_000;
const K = 4;
const LAMBDA = 1;
const ALPHA = 10;
/** Long enough that nothing decays between updates made at one time and read at the same time. */
const FOREVER = 1e6 * DAY;

/** Gaussian elimination with partial pivoting: a solver independent of the Cholesky under test. */
function gaussSolve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

/** Row `row` of a factor matrix, k wide. */
const rowOf = (factors: ArrayLike<number>, row: number, k: number) => Array.from({ length: k }, (_, a) => factors[row * k + a]!);

/**
 * The training's user step, solved exactly, for a user who clicked `clicked` once each:
 * x = (YᵀY + λI + α Σ yᵢyᵢᵀ)⁻¹ (1 + α) Σ yᵢ.
 */
function exactUserStep(items: number[][], clicked: readonly number[], lambda: number, alpha: number): number[] {
  const k = items[0]!.length;
  const a = Array.from({ length: k }, (_, p) => Array.from({ length: k }, (_, q) => (p === q ? lambda : 0)));
  const b = new Array<number>(k).fill(0);
  for (const y of items) for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) a[p]![q]! += y[p]! * y[q]!;
  for (const row of clicked) {
    const y = items[row]!;
    for (let p = 0; p < k; p++) {
      b[p]! += (1 + alpha) * y[p]!;
      for (let q = 0; q < k; q++) a[p]![q]! += alpha * y[p]! * y[q]!;
    }
  }
  return gaussSolve(a, b);
}

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
/** ‖x − y‖ / ‖y‖. */
const relativeError = (x: ArrayLike<number>, y: ArrayLike<number>) => norm(Array.from(x, (value, a) => value - y[a]!)) / norm(y);
const dot = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).reduce((sum, value, a) => sum + value * y[a]!, 0);

const id = (item: number) => `item-${item}`;

/** Every item's factors as a device reads them: int8 × its row's float32 scale, computed here rather than by `itemFactors`. */
const deviceFactors = (model: Model) =>
  model.items.map((_, row) => Array.from({ length: K }, (_, a) => model.factors!.values[row * K + a]! * model.factors!.scale[row]!));

/** A model built the way a site builds it, from the two-taste logs. */
function builtModel(): { model: Model; seen: number[][] } {
  const { seen } = twoClusters();
  const interactions = seen.flatMap((items, user) => items.map((item) => ({ user: `user-${user}`, item: id(item) })));
  const catalogue = Array.from({ length: ITEMS }, (_, item) => ({ id: id(item) }));
  const { bytes } = buildModel({ catalogue, interactions }, { factors: K, regularization: LAMBDA, confidence: ALPHA, contentWidth: 0 });
  return { model: decodeModel(bytes), seen };
}

function foldIn(model: Model, items: readonly number[], weight = 1, at = 0): DenseProfile {
  const profile = new DenseProfile(model, FOREVER);
  for (const item of items) profile.update(id(item), 0, weight, at);
  return profile;
}

describe('solveSymmetric', () => {
  it('solves a hand-made 3 × 3 positive-definite system', () => {
    // A = [[4, 2, 0], [2, 5, 3], [0, 3, 6]] (Cholesky diagonal 2, 2, √3.75), x = [1, −1, 2], so b = A x = [2, 3, 9].
    const a = Float64Array.of(4, 2, 0, 2, 5, 3, 0, 3, 6);
    const b = Float64Array.of(2, 3, 9);
    solveSymmetric(a, b, 3);
    expect(b[0]).toBeCloseTo(1, 12);
    expect(b[1]).toBeCloseTo(-1, 12);
    expect(b[2]).toBeCloseTo(2, 12);
  });

  it('gives zeros, not a wrong answer, for a matrix that is not positive-definite', () => {
    // Eigenvalues 3, −1 and 1: the second pivot is 1 − 2² = −3.
    const indefinite = Float64Array.of(1, 2, 0, 2, 1, 0, 0, 0, 1);
    const b = Float64Array.of(1, 2, 3);
    solveSymmetric(indefinite, b, 3);
    expect(Array.from(b)).toEqual([0, 0, 0]);

    const singular = new Float64Array(4);
    const c = Float64Array.of(1, 1);
    solveSymmetric(singular, c, 2);
    expect(Array.from(c)).toEqual([0, 0]);
  });
});

describe('DenseProfile fold-in', () => {
  it("equals the training's user step solved exactly against the model's item factors", () => {
    const { model, seen } = builtModel();
    const items = deviceFactors(model);
    for (let user = 0; user < USERS; user += 5) {
      const x = foldIn(model, seen[user]!).factors(0)!;
      const expected = exactUserStep(items, seen[user]!, LAMBDA, ALPHA);
      // The file stores YᵀY as its diagonal's roots (float32) and 8-bit correlations, each entry within
      // dᵢdⱼ/254 of the exact one (format.ts); A is well conditioned with λ = 1, so x moves by well under 1 %.
      expect(relativeError(x, expected)).toBeLessThan(0.005);
    }
  });

  it('reads item factors as int8 × the row scale', () => {
    const { model } = builtModel();
    // Dequantised once into float32, as scoring reads them: equal to the product to float32's precision.
    for (const row of [0, 7, 29]) {
      const factors = itemRows(model).of(model.items[row]!)!.factors!;
      expect(Array.from(factors)).toEqual(deviceFactors(model)[row]!.map(Math.fround));
    }
  });

  it("is close to the trained user vector, the difference being the model's int8 rounding", () => {
    const { matrix, seen } = twoClusters();
    // cgSteps = k makes each half-step an exact solve; 200 iterations converge so far that the
    // last user step, made against the previous item factors, is also the step against the final ones.
    const settings = { factors: K, regularization: LAMBDA, confidence: ALPHA, iterations: 200, cgSteps: K, seed: 3 };
    const trained = trainImplicitAls(matrix, settings);
    const { values, scale } = quantise(trained.items, denseOffsets(ITEMS, K));
    const model = decodeModel(
      encodeModel({
        items: Array.from({ length: ITEMS }, (_, item) => id(item)),
        popularity: new Float32Array(ITEMS),
        factors: { dimensions: K, regularization: LAMBDA, confidence: ALPHA, values, scale, gramian: gramian(dequantise(values, scale, denseOffsets(ITEMS, K)), K) },
      }),
    );
    const trainedItems = Array.from({ length: ITEMS }, (_, item) => rowOf(trained.items, item, K));
    for (let user = 0; user < USERS; user++) {
      const vector = rowOf(trained.users, user, K);
      expect(relativeError(exactUserStep(trainedItems, seen[user]!, LAMBDA, ALPHA), vector)).toBeLessThan(1e-4);
      // Rounding moves each component of y by at most max|y|/254, so y by at most √k/254 ≈ 0.8% of ‖y‖;
      // x is a smooth function of Y with A = YᵀY + λI + … well conditioned, so allow 2%.
      expect(relativeError(foldIn(model, seen[user]!).factors(0)!, vector)).toBeLessThan(0.02);
    }
  });

  it('has no vector without factors or without history, and ignores items the model does not know', () => {
    const { model } = builtModel();
    const profile = new DenseProfile(model, FOREVER);
    expect(profile.factors(0)).toBeUndefined();
    profile.update('not-in-the-model', 0, 1, 0);
    expect(profile.factors(0)).toBeUndefined();
    expect(profile.content()).toBeUndefined();
  });

  it("moves a disliked item's score down", () => {
    const { model, seen } = builtModel();
    const liked = seen[0]!;
    const disliked = liked[0]!;
    const profile = foldIn(model, liked);
    const y = itemRows(model).of(id(disliked))!.factors!;
    const before = dot(profile.factors(0)!, y);
    profile.update(id(disliked), 1, -1, 0);
    // Same time, one more update: the cached solve must not be reused.
    const after = dot(profile.factors(0)!, y);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);

    // A dislike alone scores its item −(1 + α) yᵀA⁻¹y < 0.
    const alone = new DenseProfile(model, FOREVER);
    alone.update(id(disliked), 0, -1, 0);
    expect(dot(alone.factors(0)!, y)).toBeLessThan(0);
  });

  it('halves weights each half-life: weight 1 read a half-life later is weight 0.5 read at once', () => {
    const { model, seen } = builtModel();
    const halfLife = 14 * DAY;
    const t = 100 * DAY;
    const clicked = seen[3]!;
    const aged = new DenseProfile(model, halfLife);
    const halved = new DenseProfile(model, halfLife);
    for (const item of clicked) {
      aged.update(id(item), 0, 1, t);
      halved.update(id(item), 0, 0.5, t);
    }
    const later = aged.factors(t + halfLife)!;
    expect(relativeError(later, halved.factors(t)!)).toBeLessThan(1e-12);
    // Not a tautology: halving the weights does change the vector (the ridge does not halve).
    expect(relativeError(later, aged.factors(t)!)).toBeGreaterThan(0.01);
  });

  it('solves once per change of the history: later rankings reuse it until the decay moves by more than 1/256', () => {
    const { model, seen } = builtModel();
    const halfLife = 14 * DAY;
    const t = 100 * DAY;
    const profile = new DenseProfile(model, halfLife);
    for (const item of seen[3]!) profile.update(id(item), 0, 1, t);
    const solved = profile.factors(t)!;
    // An hour on, the same solve: within the tolerance of an exact one at that time.
    const hourLater = t + DAY / 24;
    expect(profile.factors(hourLater)).toBe(solved);
    const exact = new DenseProfile(model, halfLife);
    for (const item of seen[3]!) exact.update(id(item), 0, 1, t);
    expect(relativeError(solved, exact.factors(hourLater)!)).toBeLessThan(1 / 256);
    // A day on, the decay has moved by 5 %: solved again.
    expect(profile.factors(t + DAY)).not.toBe(solved);
    // A change of the history is solved at once, whenever it comes.
    const before = profile.factors(t + DAY)!;
    profile.update(id(seen[3]![0]!), 1, 2, t + DAY);
    expect(profile.factors(t + DAY)).not.toBe(before);
  });

  it('gives the same vector whatever order updates arrive in', () => {
    const { model, seen } = builtModel();
    const halfLife = 7 * DAY;
    const history: [number, number, number, number][] = [
      [seen[25]![0]!, 0, 1, 1 * DAY],
      [seen[25]![1]!, 0, 1, 3 * DAY],
      [seen[25]![2]!, 0, 2, 4 * DAY],
      [seen[0]![0]!, 0, -1, 6 * DAY],
      [seen[25]![1]!, 0.5, 1.5, 10 * DAY], // the item from day 3, clicked again a half-life later
    ];
    const inOrder = new DenseProfile(model, halfLife);
    for (const [item, before, after, at] of history) inOrder.update(id(item), before, after, at);
    const shuffled = new DenseProfile(model, halfLife);
    for (const i of [4, 1, 3, 0, 2]) {
      const [item, before, after, at] = history[i]!;
      shuffled.update(id(item), before, after, at);
    }
    const now = 12 * DAY;
    expect(relativeError(shuffled.factors(now)!, inOrder.factors(now)!)).toBeLessThan(1e-12);
  });
});

describe('DenseProfile content', () => {
  // Three items, width 4: a → e₀, b → e₁, c → (e₀ + e₂)/√2, each quantised to 127 × its scale.
  const unit = Math.fround(1 / 127);
  const diagonal = Math.fround(Math.SQRT1_2 / 127);
  const model = decodeModel(
    encodeModel({
      items: ['a', 'b', 'c'],
      popularity: [1, 1, 1],
      content: {
        dimensions: 4,
        offsets: Uint32Array.of(0, 1, 2, 4),
        buckets: Uint16Array.of(0, 1, 0, 2),
        values: Int8Array.of(127, 127, 127, 127),
        scale: Float32Array.of(unit, unit, diagonal),
      },
    }),
  );

  it('is the unit-length sum of the weighted items’ content vectors', () => {
    const profile = new DenseProfile(model, FOREVER);
    profile.update('a', 0, 1, 0);
    profile.update('c', 0, 1, 0);
    // e₀ + (e₀ + e₂)/√2 = (1 + 1/√2, 0, 1/√2, 0), normalised.
    const sum = [1 + Math.SQRT1_2, 0, Math.SQRT1_2, 0];
    const length = Math.hypot(...sum);
    const content = profile.content()!;
    sum.forEach((value, bucket) => expect(content[bucket]).toBeCloseTo(value / length, 6));
    expect(profile.factors(0)).toBeUndefined();
  });

  it('subtracts a dislike and weighs older interactions by their decay', () => {
    const halfLife = DAY;
    const profile = new DenseProfile(model, halfLife);
    profile.update('a', 0, 1, 0);
    profile.update('b', 0, 1, DAY); // a has halved by then: 0.5 e₀ + e₁
    let content = profile.content()!;
    expect(content[0]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(content[1]).toBeCloseTo(2 / Math.sqrt(5), 6);
    profile.update('b', 1, -1, DAY); // 0.5 e₀ − e₁
    content = profile.content()!;
    expect(content[0]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(content[1]).toBeCloseTo(-2 / Math.sqrt(5), 6);
  });
});
