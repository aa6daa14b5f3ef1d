/**
 * The visitor's own dial, from "more of what I like" (0) to "surprise me" (1).
 * It sets the diversity and exploration of their rankings in proportion, up
 * to six times the defaults at its far end, so the defaults sit at a sixth of
 * it. In a slot of ten, the far end tries three items outside the visitor's
 * interests. BENCHMARKS.md's audit measures what such settings cost in accuracy.
 */
const SURPRISE_ME = { diversity: 0.6, exploration: 0.3 };

/** The diversity and exploration of a dial's level. */
export function surpriseSettings(level: number): { diversity: number; exploration: number } {
  return { diversity: level * SURPRISE_ME.diversity, exploration: level * SURPRISE_ME.exploration };
}

/** Where the dial stands for a site's own diversity and exploration, before the visitor turns it. */
export function surpriseLevel({ diversity, exploration }: { diversity: number; exploration: number }): number {
  return Math.min(1, Math.max(diversity / SURPRISE_ME.diversity, exploration / SURPRISE_ME.exploration));
}
