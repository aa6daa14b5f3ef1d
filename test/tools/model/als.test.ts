import { describe, expect, it } from 'vitest';
import { alsLoss, gramian, sparseRows, trainImplicitAls, transpose, type AlsSettings } from '../../../tools/model/als';
import { ITEMS, USERS, clusterOfItem, clusterOfUser, twoClusters } from '../../unit/internal/model/two-clusters';

const SETTINGS: AlsSettings = { factors: 4, regularization: 1, confidence: 10, iterations: 0, seed: 3 };

describe('sparse interaction matrix', () => {
  it('adds up repeated (user, item) pairs and sorts each row by item', () => {
    const matrix = sparseRows(2, 3, [
      [1, 2, 1],
      [0, 1, 1],
      [1, 0, 2],
      [0, 1, 0.5],
    ]);
    expect(Array.from(matrix.offsets)).toEqual([0, 1, 3]);
    expect(Array.from(matrix.indices)).toEqual([1, 0, 2]);
    expect(Array.from(matrix.weights)).toEqual([1.5, 2, 1]);
  });

  it('transposes to the same entries, item by item', () => {
    const byItem = transpose(sparseRows(2, 3, [[1, 2, 1], [0, 1, 1.5], [1, 0, 2]]));
    expect(byItem.rows).toBe(3);
    expect(byItem.columns).toBe(2);
    expect(Array.from(byItem.offsets)).toEqual([0, 1, 2, 3]);
    expect(Array.from(byItem.indices)).toEqual([1, 0, 1]);
    expect(Array.from(byItem.weights)).toEqual([2, 1.5, 1]);
  });

  it('computes FᵀF + λI', () => {
    // F = [[1, 2], [3, 0]]: FᵀF = [[10, 2], [2, 4]].
    expect(Array.from(gramian([1, 2, 3, 0], 2, 0.5))).toEqual([10.5, 2, 2, 4.5]);
  });
});

describe('implicit ALS', () => {
  it('scores the training objective as Σ c (p − x·y)² + λ(‖X‖² + ‖Y‖²)', () => {
    // One user (x = 2), two items (y = 0.5 observed with weight 1, y = 1 unobserved), k = 1, α = 1, λ = 0.1:
    // observed c = 2, (1 − 1)² = 0; unobserved c = 1, (0 − 2)² = 4; ridge 0.1 × (4 + 0.25 + 1) = 0.525.
    const matrix = sparseRows(1, 2, [[0, 0, 1]]);
    const settings = { factors: 1, regularization: 0.1, confidence: 1, iterations: 0 };
    const loss = alsLoss(matrix, { users: Float64Array.of(2), items: Float64Array.of(0.5, 1) }, settings);
    expect(loss).toBeCloseTo(4.525, 12);
  });

  it('never increases the loss from one iteration to the next', () => {
    const { matrix } = twoClusters();
    // Same seed, so training for n iterations repeats the first n of a longer run.
    const losses = Array.from({ length: 13 }, (_, n) => alsLoss(matrix, trainImplicitAls(matrix, { ...SETTINGS, iterations: n }), SETTINGS));
    for (let n = 1; n < losses.length; n++) expect(losses[n]!).toBeLessThanOrEqual(losses[n - 1]! * (1 + 1e-12));
    // And it does learn: the loss falls well below the all-zero start (Σ c over the observed pairs).
    expect(losses[12]!).toBeLessThan(losses[0]! / 5);
  });

  it('reports each iteration, in order', () => {
    const seen: number[] = [];
    trainImplicitAls(twoClusters().matrix, { ...SETTINGS, iterations: 3, onIteration: (n) => seen.push(n) });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('is reproducible from its seed, and the seed matters', () => {
    const { matrix } = twoClusters();
    const a = trainImplicitAls(matrix, { ...SETTINGS, iterations: 2 });
    const b = trainImplicitAls(matrix, { ...SETTINGS, iterations: 2 });
    const c = trainImplicitAls(matrix, { ...SETTINGS, iterations: 2, seed: 4 });
    expect(b.items).toEqual(a.items);
    expect(b.users).toEqual(a.users);
    expect(c.items).not.toEqual(a.items);
  });

  it("ranks each user's held-out items of their own taste above the other taste's", () => {
    const { matrix, seen, heldOut } = twoClusters();
    const k = SETTINGS.factors;
    const { users, items } = trainImplicitAls(matrix, { ...SETTINGS, iterations: 16 });
    const score = (user: number, item: number) => {
      let dot = 0;
      for (let a = 0; a < k; a++) dot += users[user * k + a]! * items[item * k + a]!;
      return dot;
    };
    let correct = 0;
    let pairs = 0;
    for (let user = 0; user < USERS; user++) {
      for (const held of heldOut[user]!) {
        for (let other = 0; other < ITEMS; other++) {
          if (clusterOfItem(other) === clusterOfUser(user) || seen[user]!.includes(other)) continue;
          pairs++;
          if (score(user, held) > score(user, other)) correct++;
        }
      }
    }
    // A random ranking would order half of these pairs correctly.
    expect(pairs).toBeGreaterThan(1000);
    expect(correct / pairs).toBeGreaterThan(0.9);
  });
});
