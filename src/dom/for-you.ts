/**
 * The candidates of a `for-you` slot: a list the site embeds in the slot as
 * JSON, `<script type="application/json" data-attune-candidates>`, each
 * `{ "id", "title", "url", "image"?, "features"? }`, in the site's own order.
 */
import type { Card } from './cards';

const CANDIDATES = 'data-attune-candidates';
/** A page embeds a shelf's worth of candidates, not a catalogue: longer text is a mistake, and costs every page view. */
export const MAX_CANDIDATES_TEXT = 100_000;
export const MAX_CANDIDATES = 500;

/**
 * The slot's candidates as the page gives them (each still to be checked
 * before it is shown), or a problem in words where the block is missing,
 * too long or not a list.
 */
export function readCandidates(slot: Element): { [field in keyof Card]?: unknown }[] | string {
  const block = slot.querySelector(`script[${CANDIDATES}]`);
  const text = block?.textContent ?? '';
  if (!block) return `has no <script type="application/json" ${CANDIDATES}>`;
  if (text.length > MAX_CANDIDATES_TEXT) return `has ${text.length} characters of candidates, more than ${MAX_CANDIDATES_TEXT}`;
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (error) {
    return `has candidates that are not JSON (${(error as Error).message})`;
  }
  if (!Array.isArray(list) || list.length > MAX_CANDIDATES) return `needs candidates as a list of at most ${MAX_CANDIDATES} items`;
  // Only the fields a card has are read: anything else in an entry is never used.
  return list.map((entry: unknown) => {
    const { id, title, url, image, features } = ((typeof entry === 'object' && entry) || {}) as Record<string, unknown>;
    return { id, title, url, image, features };
  });
}
