/**
 * The SDK's errors and warnings. A bad argument from the site's code throws an
 * {@link AttuneError} naming where, the rule it broke and the value; a problem
 * that came from the page (markup, a background write) is a `[attune]` warning,
 * never an exception in the page.
 */

/**
 * A bad argument: a TypeError whose message reads `[attune] where: rule, got value`,
 * with its parts kept so a caller can re-word it without parsing the message.
 * Where `__DEV__` is off (the script tags), `rule` is just the argument's name.
 */
export class AttuneError extends TypeError {
  constructor(
    readonly where: string,
    readonly rule: string,
    readonly value: unknown,
  ) {
    super(`[attune] ${where}: ${rule}, got ${describe(value)}`);
  }
}

/** Throws the SDK's TypeError for a bad argument. */
export function fail(where: string, rule: string, value: unknown): never {
  throw new AttuneError(where, rule, value);
}

/**
 * Reports a problem that came from the page (markup, a background write, a
 * model file that cannot be fetched) without throwing into it, in one line:
 * what went wrong, then the cause's message. Each distinct line is printed
 * once per page view, so a bad attribute read on every reorder does not flood
 * the console. Callers keep what happens next (`; using the default`) to
 * `__DEV__` builds: the script tag says what went wrong and names the
 * attribute or value.
 */
const printed = new Set<string>();
/** Whether a warning also prints its cause whole, stack and all: the `debug` option. */
let stacks = false;

/** Turns on the stacks of warnings, for the page: one instance with `debug` is a developer at work. */
export function printStacks(): void {
  stacks = true;
}

export function warn(message: string, cause?: unknown): void {
  const line = `[attune] ${message}${cause === undefined ? '' : `: ${detailOf(cause)}`}`;
  // After a hundred distinct problems the page has been told enough.
  if (printed.has(line) || printed.size >= 100) return;
  printed.add(line);
  if (typeof console !== 'undefined') {
    if (stacks && cause !== undefined) console.warn(line, cause);
    else console.warn(line);
  }
}

/** The text of an error for a warning: its message without an `[attune]` prefix of its own, which the warning adds. */
export function detailOf(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).replace('[attune] ', '');
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
