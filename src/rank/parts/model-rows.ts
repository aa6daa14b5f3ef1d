import type { Model } from '../../model/format';
import type { Pool } from '../pool';
import type { RankSettings } from '../rank';

/** The candidates as the site's model knows them. */
interface ModelRows {
  model: Model;
  /** Each candidate's row in the model, −1 for an item it does not know. */
  rows: Int32Array;
  /** The same, −1 also for the items the visitor chose already: no news to the model. */
  unchosen: Int32Array;
}

/** Found once per ranking, for every part that reads the model. */
const found = new WeakMap<Pool, ModelRows | undefined>();
/** Each list's rows in the last model it was ranked with: looked up once per list, not once per ranking. */
const listRows = new WeakMap<Pool['list'], { model: Model; rows: Int32Array; known: boolean }>();

/** Each candidate's row in `model`, −1 for an item it does not know, and whether it knows any. */
function rowsIn(pool: Pool, model: Model): { rows: Int32Array; known: boolean } {
  const kept = listRows.get(pool.list);
  if (kept?.model === model) return kept;
  const { candidates } = pool;
  const rows = new Int32Array(candidates.length);
  let known = false;
  for (let i = 0; i < rows.length; i++) known = (rows[i] = model.index.get(candidates[i]!.id) ?? -1) >= 0 || known;
  listRows.set(pool.list, { model, rows, known });
  return { rows, known };
}

/**
 * The pool's rows in the site's model, or undefined without a model and a
 * blend to weigh its parts, or where it knows none of the candidates: a list
 * the model knows nothing of is ranked as without one.
 */
function modelRows(pool: Pool, { model, blend }: RankSettings): ModelRows | undefined {
  if (!model || !blend) return undefined;
  if (found.has(pool)) return found.get(pool);
  const { chosen, indexOf } = pool;
  const { rows, known } = rowsIn(pool, model);
  // The visitor chose few items: each is looked up among the candidates, rather than every candidate among them.
  const unchosen = rows.slice();
  for (const item of chosen.keys()) {
    const i = indexOf.get(item);
    if (i !== undefined) unchosen[i] = -1;
  }
  const result = known ? { model, rows, unchosen } : undefined;
  found.set(pool, result);
  return result;
}

/**
 * A part's score of each candidate from its row in the site's model:
 * `scoreAll(model, rows, scores)` writes the score of each candidate whose row
 * is not −1 into `scores` (NaN for no evidence), or leaves them all where the
 * visitor has nothing to score with. Items the model does not know get NaN,
 * as do, unless `chosenToo`, items the visitor chose already. Undefined where
 * the model's parts do not count (see modelRows).
 */
export function scoreRows(
  pool: Pool,
  settings: RankSettings,
  scoreAll: (model: Model, rows: Int32Array, scores: Float64Array) => void,
  chosenToo = false,
): Float64Array | undefined {
  const known = modelRows(pool, settings);
  if (!known) return undefined;
  const scores = new Float64Array(known.rows.length).fill(NaN);
  scoreAll(known.model, chosenToo ? known.rows : known.unchosen, scores);
  return scores;
}
