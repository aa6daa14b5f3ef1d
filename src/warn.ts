/**
 * Reports a problem that came from the page (markup, a background write) without
 * throwing into it. Each distinct message (and cause) is printed once per page
 * view, so a bad attribute read on every reorder does not flood the console.
 * Callers keep what happens next (`; using the default`) to `__DEV__` builds:
 * the script tag says what went wrong and names the attribute or value.
 */
const printed = new Set<string>();

export function warn(message: string, cause?: unknown): void {
  const key = `${message} ${(cause as Error | undefined)?.message}`;
  // After a hundred distinct problems the page has been told enough.
  if (printed.has(key) || printed.size >= 100) return;
  printed.add(key);
  if (typeof console !== 'undefined') {
    if (cause === undefined) console.warn(`[attune] ${message}`);
    else console.warn(`[attune] ${message}`, cause);
  }
}

/** Shows a value inside an error message without echoing a megabyte of it. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40 ? `"${value.slice(0, 40)}…"${__DEV__ ? ` (${value.length} characters)` : ''}` : JSON.stringify(value);
  }
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return typeof value;
}

/** An attribute as the page wrote it, `data-attune-limit="lots"`, for a warning that names it. */
export function describeAttribute(name: string, value: string): string {
  return `${name}="${value.slice(0, 40)}"`;
}
