/**
 * Where an item's row of the model comes from: the model file's own table,
 * where the site serves one with every item, or the text the item carried
 * (`data-attune-vector` on the page, `vector` on a rank() candidate, or the
 * vector kept with the visitor's interaction on the device), where the site
 * serves only the global part. Scoring and the fold-in read rows from here and
 * never ask which way the site chose.
 */
import type { Model } from './format';
import { decodeItemVector, type ItemRow, type RowShape } from './vector-text';
import { warn } from '../errors';

/** Texts decoded and kept per model: about the items of a few pages and the visitor's history. */
const MAX_DECODED = 20_000;

/** The rows of one model, from its table or from the text an item carried. */
export class ItemRows {
  readonly _shape: RowShape;
  /** The table's factors, dequantised once into one contiguous array, row r at r × k. */
  _table: Float32Array | undefined;
  /**
   * The table's rows, each built when first asked for, so a ranking allocates none. As long as
   * the table from the start: rows set far apart in an empty array would make V8 keep it as a
   * dictionary, each read a hash lookup.
   */
  _tableRows: (ItemRow | undefined)[];
  /** Text → its row, or null for a text that is not one (warned about once). */
  _decoded = new Map<string, ItemRow | null>();

  constructor(readonly _model: Model) {
    this._shape = { dimensions: _model.factors?.dimensions ?? 0, contentWidth: _model.content?.dimensions ?? 0 };
    this._tableRows = new Array(_model.items.length);
  }

  /** The item's row: the table's where the model lists the item, else its text's; undefined for neither. */
  of(item: string, text?: string): ItemRow | undefined {
    const row = this._model.index.get(item);
    if (row !== undefined) return (this._tableRows[row] ??= this._tableRow(row));
    return text === undefined || !this._model.factors ? undefined : this._fromText(item, text);
  }

  _tableRow(row: number): ItemRow {
    const { popularity, factors, content } = this._model;
    const found: ItemRow = { row, popularity: popularity[row]!, factors: undefined };
    if (factors && factors.scale[row]! > 0) {
      const k = factors.dimensions;
      this._table ??= Float32Array.from(factors.values, (q, at) => q * factors.scale[Math.floor(at / k)]!);
      found.factors = this._table.subarray(row * k, row * k + k);
    }
    if (content && content.offsets[row + 1]! > content.offsets[row]!) {
      const [start, end] = [content.offsets[row]!, content.offsets[row + 1]!];
      found.content = { scale: content.scale[row]!, buckets: content.buckets.subarray(start, end), values: content.values.subarray(start, end) };
    }
    return found;
  }

  _fromText(item: string, text: string): ItemRow | undefined {
    let row = this._decoded.get(text);
    if (row === undefined) {
      const decoded = decodeItemVector(text, this._shape);
      row = typeof decoded === 'string' ? null : decoded;
      if (row === null) warn(`the vector of item "${item}" ${__DEV__ ? `is not usable (${decoded as string}); ranking the item without it` : 'is not valid'}`);
      if (this._decoded.size >= MAX_DECODED) this._decoded.clear();
      this._decoded.set(text, row);
    }
    return row ?? undefined;
  }
}

const rowsOf = new WeakMap<Model, ItemRows>();

/** The one ItemRows of a model, shared by the fold-in and every ranking. */
export function itemRows(model: Model): ItemRows {
  let rows = rowsOf.get(model);
  if (!rows) rowsOf.set(model, (rows = new ItemRows(model)));
  return rows;
}
