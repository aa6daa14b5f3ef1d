import type { Model } from '../../model/format';
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

/** A list's rows in the last model it was ranked with, and the vectors its candidates carried then. */
interface ListRows {
  model: Model;
  vectors: (string | undefined)[];
  rows: (ItemRow | undefined)[];
}

/** Each list's rows: looked up once per list, not once per ranking, while its candidates carry the same vectors. */
const listRows = new WeakMap<Pool['list'], ListRows>();

/** Each candidate's row of `model`, undefined for an item it does not know. */
function rowsIn({ list, candidates }: Pool, model: Model): (ItemRow | undefined)[] {
  const kept = listRows.get(list);
  // The list reading compares ids and features only: a candidate may carry another vector since.
  if (kept?.model === model && kept.vectors.every((vector, i) => vector === candidates[i]!.vector)) return kept.rows;
  const source = itemRows(model);
  const vectors = candidates.map(({ vector }) => vector);
  const rows = candidates.map(({ id }, i) => source.of(id, vectors[i]));
  listRows.set(list, { model, vectors, rows });
  return rows;
}

/**
 * The pool's rows of the site's model, or undefined without a model and a
 * blend to weigh its parts, or where it knows none of the candidates: a list
 * the model knows nothing of is ranked as without one.
 */
function modelRows(pool: Pool, { model, blend }: RankSettings): ModelRows | undefined {
  if (!model || !blend) return undefined;
  if (found.has(pool)) return found.get(pool);
  const rows = rowsIn(pool, model);
  // The visitor chose few items: each is looked up among the candidates, rather than every candidate among them.
  const chosen = new Uint8Array(rows.length);
  for (const item of pool.chosen.keys()) {
    const i = pool.indexOf.get(item);
    if (i !== undefined) chosen[i] = 1;
  }
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
