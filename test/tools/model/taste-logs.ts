/**
 * Small synthetic logs for the tuning tests: readers of three tastes, each
 * reading six stories of their own taste in turn and, now and then, one of
 * another. Seeded, so every run reads the same logs.
 */
import { mulberry32 } from '../../../tools/model/als';
import type { CatalogueItem, LoggedInteraction } from '../../../tools/model/build';

export const TASTES = ['tennis', 'golf', 'cooking'] as const;
const PER_TASTE = 10;

export const tasteCatalogue: CatalogueItem[] = TASTES.flatMap((taste) =>
  Array.from({ length: PER_TASTE }, (_, i) => ({ id: `${taste}-${i}`, features: [`topic:${taste}`, `author:${taste}-${i % 3}`] })),
);

/** `readers` readers, a third of each taste; each reading is a minute after the last, from 1 January 2026. */
export function tasteLogs(readers: number, seed = 7): LoggedInteraction[] {
  const random = mulberry32(seed);
  const logs: LoggedInteraction[] = [];
  let time = Date.UTC(2026, 0, 1);
  for (let reader = 0; reader < readers; reader++) {
    const taste = TASTES[reader % TASTES.length]!;
    const own = Array.from({ length: PER_TASTE }, (_, i) => `${taste}-${i}`);
    for (let i = own.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [own[i], own[j]] = [own[j]!, own[i]!];
    }
    const read = own.slice(0, 6);
    if (random() < 0.3) read.splice(3, 0, `${TASTES[(reader + 1) % TASTES.length]}-${Math.floor(random() * PER_TASTE)}`);
    for (const item of read) logs.push({ user: `reader-${reader}`, item, time: (time += 60_000) });
  }
  return logs;
}
