import type { Model } from '../../model/format';
import type { Pool } from '../pool';
import type { RankSettings } from '../rank';

/** The candidates as the site's model knows them. */
interface ModelRows {
  model: Model;
  /** Each candidate's row in the model, −1 for an item it does not know. */
  rows: Int32Array;
  /** 1 for a candidate the visitor chose already. */
  chosen: Uint8Array;
}

/** Found once per ranking, for every part that reads the model. */
const found = new WeakMap<Pool, ModelRows | undefined>();

/**
 * The pool's rows in the site's model, or undefined without a model and a
 * blend to weigh its parts, or where it knows none of the candidates: a list
 * the model knows nothing of is ranked as without one.
 */
function modelRows(pool: Pool, { model, blend }: RankSettings): ModelRows | undefined {
  if (!model || !blend) return undefined;
  if (found.has(pool)) return found.get(pool);
  const rows = Int32Array.from(pool.candidates, ({ id }) => model.index.get(id) ?? -1);
  const chosenRows = new Set([...pool.chosen.keys()].map((item) => model.index.get(item)));
  const chosen = Uint8Array.from(rows, (row) => (chosenRows.has(row) ? 1 : 0));
  const known = rows.some((row) => row >= 0) ? { model, rows, chosen } : undefined;
  found.set(pool, known);
  return known;
}

/**
 * A part's score of each candidate from its row in the site's model:
 * `scoreOf(model)` gives the score of a row (NaN for no evidence), or
 * undefined where the visitor has nothing to score with. Items the model does
 * not know get NaN, as do, unless `chosenToo`, items the visitor chose
 * already. Undefined where the model's parts do not count (see modelRows).
 */
export function scoreRows(
  pool: Pool,
  settings: RankSettings,
  scoreOf: (model: Model) => ((row: number) => number) | undefined,
  chosenToo = false,
): Float64Array | undefined {
  const known = modelRows(pool, settings);
  if (!known) return undefined;
  const { model, rows, chosen } = known;
  const scores = new Float64Array(rows.length).fill(NaN);
  const score = scoreOf(model);
  if (score) for (let i = 0; i < rows.length; i++) if (rows[i]! >= 0 && (chosenToo || !chosen[i])) scores[i] = score(rows[i]!);
  return scores;
}
