/**
 * Whether a feature falls in a sensitive category: by its prefix
 * (`health:diabetes`), its value (`topic:religion`), or a value that starts
 * with the category and a hyphen (`topic:health-insurance`). Whole words only,
 * so `topic:healthy-recipes` is not caught.
 */
export function isSensitive(feature: string, categories: readonly string[]): boolean {
  const lower = feature.toLowerCase();
  const split = lower.indexOf(':');
  const prefix = lower.slice(0, Math.max(split, 0));
  const value = lower.slice(split + 1);
  return categories.some((category) => prefix === category || value === category || value.startsWith(`${category}-`));
}
