import { findMarked } from '../markup';
import { addStyle } from './watch';

/** `<span data-attune-text="firstName" data-attune-fallback="there">there</span>`: filled with a stated attribute. */
export const TEXT = 'data-attune-text';
export const FALLBACK = 'data-attune-fallback';
/** `data-attune-audience="runners"` (or `"!runners"`): shown only to visitors in (or not in) the audience. */
export const AUDIENCE = 'data-attune-audience';
/** `<script type="application/json" data-attune-rules>`: rules declared in the page. */
export const RULES = 'data-attune-rules';
/** Set on an element once it is decided (filled, shown or left hidden): nothing changes it after. */
export const DECIDED = 'data-attune-decided';
/** Set on an audience element shown to this visitor. */
export const SHOWN = 'data-attune-shown';
/** Set on stated text while it waits for its value: hidden, keeping its space. */
const WAITING = 'data-attune-waiting';

/**
 * Audience elements take no space until decided, so the decision never moves
 * what is around them; stated text waits hidden, keeping the fallback's space.
 */
export const STYLE = `[${AUDIENCE}]:not([${SHOWN}]):not([data-attune-variant]){display:none!important}[${TEXT}][${WAITING}]{visibility:hidden}`;

export interface PersonalMarkupWatcher {
  scan(roots: readonly ParentNode[]): void;
  /** The render budget is spent: what is still undecided is decided as for a new visitor (fallback text, in no audience). */
  stop(): void;
}

/**
 * Notices the markup of stated text, audiences and rules as the page arrives
 * and asks for the part that decides them (`need`), which then sets `apply`
 * on the core; until it does, stated text waits hidden. The part itself is
 * not on the critical path: a page without this markup never loads it.
 */
export function watchPersonalMarkup(
  doc: Document,
  need: () => void,
  apply: () => ((roots: readonly ParentNode[]) => void) | undefined,
): PersonalMarkupWatcher {
  let styled = false;
  let stopped = false;
  return {
    scan(roots) {
      const decide = apply();
      if (decide) return decide(roots);
      if (stopped) return;
      const texts = roots.flatMap((root) => findMarked(root, TEXT));
      if (!texts.length && !roots.some((root) => findMarked(root, AUDIENCE).length || findMarked(root, RULES).length)) return;
      if (!styled) addStyle(doc, STYLE), (styled = true);
      for (const element of texts) if (!element.hasAttribute(DECIDED)) element.setAttribute(WAITING, '');
      need();
    },
    stop() {
      stopped = true;
      for (const element of findMarked(doc, WAITING)) element.removeAttribute(WAITING), element.setAttribute(DECIDED, '');
      // Undecided when the budget ran out: the visitor counts as in no audience, as a new visitor is.
      for (const element of findMarked(doc, AUDIENCE)) {
        // A variant's audience is the variants part's to choose by.
        if (element.hasAttribute(DECIDED) || element.hasAttribute('data-attune-variant')) continue;
        element.setAttribute(DECIDED, '');
        if (element.getAttribute(AUDIENCE)!.trim().startsWith('!')) element.setAttribute(SHOWN, '');
      }
    },
  };
}

/** Shows stated text once decided: the part calls this as it fills an element. */
export function doneWaiting(element: Element): void {
  element.removeAttribute(WAITING);
  element.setAttribute(DECIDED, '');
}
