import type { ItemRow } from '../../model/vector-text';
import { itemRows } from '../../model/item-vectors';
import type { Pool } from '../pool';
import type { RankSettings } from '../rank';

/** The candidates as the site's model knows them. */
interface ModelRows {
  /** Each candidate's row of the model (from its table or the vector it carried), undefined for an item it does not know. */
  rows: (ItemRow | undefined)[];
  /** 1 for a candidate the visitor chose already. */
  chosen: Uint8Array;
}

/** Found once per ranking, for every part that reads the model. */
const found = new WeakMap<Pool, ModelRows | undefined>();

/**
 * The pool's rows of the site's model, or undefined without a model and a
 * blend to weigh its parts, or where it knows none of the candidates: a list
 * the model knows nothing of is ranked as without one.
 */
function modelRows(pool: Pool, { model, blend }: RankSettings): ModelRows | undefined {
  if (!model || !blend) return undefined;
  if (found.has(pool)) return found.get(pool);
  const source = itemRows(model);
  const rows = pool.candidates.map(({ id, vector }) => source.of(id, vector));
  const chosen = Uint8Array.from(pool.candidates, ({ id }) => (pool.chosen.has(id) ? 1 : 0));
  const known = rows.some(Boolean) ? { rows, chosen } : undefined;
  found.set(pool, known);
  return known;
}

/**
 * A part's score of each candidate from its row of the site's model:
 * `scoreOf` gives the score of a row (NaN for no evidence), or is undefined
 * where the visitor has nothing to score with. Items the model does not know
 * get NaN, as do, unless `chosenToo`, items the visitor chose already.
 * Undefined where the model's parts do not count (see modelRows).
 */
export function scoreRows(
  pool: Pool,
  settings: RankSettings,
  scoreOf: ((row: ItemRow) => number) | undefined,
  chosenToo = false,
): Float64Array | undefined {
  const known = modelRows(pool, settings);
  if (!known) return undefined;
  const { rows, chosen } = known;
  const scores = new Float64Array(rows.length).fill(NaN);
  if (scoreOf) for (let i = 0; i < rows.length; i++) if (rows[i] && (chosenToo || !chosen[i])) scores[i] = scoreOf(rows[i]!);
  return scores;
}
