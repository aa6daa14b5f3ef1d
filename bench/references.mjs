// The quality replay's references, scored directly rather than through the SDK: popularity,
// item-kNN, implicit ALS and EASE. Each is a method of bench/quality.mjs: a label and a run that
// returns each evaluated user's result.
import { sparseRows, trainImplicitAls } from '../dist/tools-internal.mjs';
import { easeScores } from './ease.mjs';
import { knnScores, TOP_K } from './replay.mjs';

/** A user's result: the held-out item's zero-based rank and the first ten ids. */
export const result = (rank, top) => ({ rank, top });

/**
 * Scored baselines: ties are counted against the held-out item (every other
 * candidate with an equal score ranks above it); the top ten keep the candidates'
 * order among ties.
 */
function byScore(user, score) {
  const target = String(user.heldOut.item);
  const scored = user.candidates.map((item, i) => ({ id: String(item), score: score(item), i }));
  // A NaN would compare false with everything and slip into first place.
  if (scored.some(({ score: s }) => Number.isNaN(s))) throw new Error(`a baseline scored NaN for user ${user.id}`);
  const mine = scored.find(({ id }) => id === target).score;
  const rank = scored.filter(({ id, score: s }) => id !== target && s >= mine).length;
  const top = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, TOP_K).map(({ id }) => id);
  return result(rank, top);
}

/** Popularity: the training count; the candidates are in that order already. */
export const popularityMethod = (replay) => ({
  label: 'popularity (ties against the held-out item)',
  run: () => replay.evaluated.map((user) => byScore(user, (item) => replay.popularity.get(item) ?? 0)),
});

export const knnMethod = (replay) => ({
  label: 'item-kNN (cosine, binary; reference in bench/)',
  run: () => {
    const score = knnScores(replay);
    return replay.evaluated.map((user) => byScore(user, (item) => score(user, item)));
  },
});

/** A model's training settings in words: "64 factors, λ 10, α 2". */
export const trainingText = ({ factors, regularization, confidence }) => `${factors} factors, λ ${regularization}, α ${confidence}`;

/** Implicit ALS scored directly: the trained user vector against the trained (unquantised) item factors. */
export const alsMethod = (replay, build, which = '') => ({
  label: `implicit ALS, ${which ? `${which}: ` : ''}${trainingText(build)}, scored directly (reference in bench/)`,
  run: () => {
    const items = new Map([...replay.popularity.keys()].map((item, i) => [item, i]));
    const userRow = new Map(replay.users.map((user, u) => [user.id, u]));
    const matrix = sparseRows(
      replay.users.length,
      items.size,
      replay.users.flatMap((user, u) => user.train.map(({ item }) => [u, items.get(item), 1])),
    );
    const { users, items: factors } = trainImplicitAls(matrix, build);
    const k = build.factors;
    return replay.evaluated.map((user) =>
      byScore(user, (item) => {
        const u = userRow.get(user.id);
        const i = items.get(item);
        // A held-out item nobody had in training has no factors: it cannot be recommended.
        if (i === undefined) return -Infinity;
        let dot = 0;
        for (let a = 0; a < k; a++) dot += users[u * k + a] * factors[i * k + a];
        return dot;
      }),
    );
  },
});

/** EASE scored directly (ease.mjs), with its L2 weight λ. */
export const easeMethod = (replay, lambda) => ({
  label: `EASE, λ ${lambda}, scored directly (reference in bench/)`,
  run: () => {
    const { score } = easeScores(replay, lambda);
    return replay.evaluated.map((user) => byScore(user, (item) => score(user, item)));
  },
});
