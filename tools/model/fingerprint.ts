/**
 * A digest of the interaction logs a model was trained on, written into the
 * model file (`training.fingerprint`) so that `attune audit` can tell whether
 * a model was trained on exactly its training part, or saw the interactions it
 * holds out. One 64-bit number for the whole log: it says nothing about any
 * user or interaction.
 */
import type { LoggedInteraction } from './build';

/** FNV-1a, 32 bits, from a given offset basis, over UTF-16 code units. */
function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** MurmurHash3's finaliser: spreads every input bit over the output, so sums of line hashes do not cancel in a pattern. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * The logs' fingerprint, 16 hex digits: each line (user, item, weight; a
 * missing weight counts 1, as training counts it) hashed twice, 32 bits each,
 * and summed modulo 2³². A sum does not depend on the lines' order, and a line
 * more, less or changed changes it.
 */
export function logFingerprint(interactions: Iterable<LoggedInteraction>): string {
  let high = 0;
  let low = 0;
  for (const { user, item, weight = 1 } of interactions) {
    const line = `${user}\u0000${item}\u0000${weight}`;
    high = (high + mix(fnv1a(line, 0x811c9dc5))) >>> 0;
    low = (low + mix(fnv1a(line, 0x050c5d1f))) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
