import type { Model } from '../../model/format';
import type { ItemRow } from '../../model/vector-text';
import { itemRows } from '../../model/item-vectors';
import type { Pool } from '../pool';
import type { RankSettings } from '../rank';
import type { GatheredRows } from './gathered-rows';

/** The candidates as the site's model knows them. */
export interface ModelRows {
  /** Each candidate's row of the model (from its table or the vector it carried), undefined for an item it does not know, and what the parts gather from them. */
  list: GatheredRows;
  /** 1 for a candidate the visitor chose already. */
  chosen: Uint8Array;
}

/** Found once per ranking, for every part that reads the model. */
const found = new WeakMap<Pool, ModelRows | undefined>();

/** A list's rows in the last model it was ranked with, and the vectors its candidates carried then. */
interface ListRows extends GatheredRows {
  model: Model;
  vectors: (string | undefined)[];
  /** Whether the model knows any of the candidates. */
  known: boolean;
}

/** Each list's rows: looked up once per list, not once per ranking, while its candidates carry the same vectors. */
const listRows = new WeakMap<Pool['list'], ListRows>();

/** Each candidate's row of `model`, undefined for an item it does not know. */
function rowsIn({ list, candidates }: Pool, model: Model): ListRows {
  const kept = listRows.get(list);
  // The list reading compares ids and features only: a candidate may carry another vector since.
  if (kept?.model === model && sameVectors(kept.vectors, candidates)) return kept;
  const source = itemRows(model);
  const vectors = candidates.map(({ vector }) => vector);
  const rows: (ItemRow | undefined)[] = candidates.map(({ id }, i) => source.of(id, vectors[i]));
  const found: ListRows = { model, vectors, rows, known: rows.some(Boolean) };
  listRows.set(list, found);
  return found;
}

function sameVectors(vectors: readonly (string | undefined)[], candidates: Pool['candidates']): boolean {
  for (let i = 0; i < vectors.length; i++) if (vectors[i] !== candidates[i]!.vector) return false;
  return true;
}

/**
 * The pool's rows of the site's model, or undefined without a model and a
 * blend to weigh its parts, or where it knows none of the candidates: a list
 * the model knows nothing of is ranked as without one.
 */
export function modelRows(pool: Pool, { model, blend }: RankSettings): ModelRows | undefined {
  if (!model || !blend) return undefined;
  if (found.has(pool)) return found.get(pool);
  const list = rowsIn(pool, model);
  // The visitor chose few items: each is looked up among the candidates, rather than every candidate among them.
  const chosen = new Uint8Array(list.rows.length);
  for (const item of pool.chosen.keys()) {
    const i = pool.indexOf.get(item);
    if (i !== undefined) chosen[i] = 1;
  }
  const known = list.known ? { list, chosen } : undefined;
  found.set(pool, known);
  return known;
}

/**
 * A part's scores before it fills them: NaN, no evidence, for every
 * candidate. A part scores only items the model knows, and of those, unless
 * its evidence is not the visitor's (popularity), none the visitor chose
 * already: that is no news.
 */
export function noEvidence({ chosen }: ModelRows): Float64Array {
  return new Float64Array(chosen.length).fill(NaN);
}
