import { DECIDED, FALLBACK, TEXT, doneWaiting } from './personal-markup';
import { findMarked } from '../markup';
import { KEY } from '../limits';
import { describeAttribute, warn } from '../errors';

/**
 * Fills `data-attune-text="firstName"` elements with what the visitor stated,
 * else their `data-attune-fallback` (else the text they have), as text: a
 * value never becomes markup. `again` fills those filled before too (the
 * visitor changed what they told us); otherwise an element is filled once.
 */
export function fillStatedText(roots: readonly ParentNode[], stated: Readonly<Record<string, string>>, again = false): void {
  for (const root of roots) {
    for (const element of findMarked(root, TEXT)) {
      if (element.hasAttribute(DECIDED) && !again) continue;
      const name = element.getAttribute(TEXT)!;
      if (!KEY.test(name)) {
        warn(`${describeAttribute(TEXT, name)} ${__DEV__ ? 'must name an attribute like "firstName"; keeping its text' : 'is not valid'}`);
      } else {
        const text = Object.prototype.hasOwnProperty.call(stated, name) ? stated[name] : element.getAttribute(FALLBACK);
        if (text !== null && text !== undefined && element.textContent !== text) element.textContent = text;
      }
      doneWaiting(element);
    }
  }
}
