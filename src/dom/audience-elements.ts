import { AUDIENCE, DECIDED, SHOWN } from './personal-markup';
import { findMarked } from '../markup';
import { describeAttribute, warn } from '../errors';

const AUDIENCE_ID = /^!?[\w-]{1,64}$/;

/**
 * Decides each `data-attune-audience="runners"` element under the roots:
 * shown to visitors in the audience (`"!runners"`: to the others), left
 * hidden otherwise. An element is decided once per page view, before it is
 * first shown, so nothing appears or vanishes under the visitor's eyes. An
 * audience the site never declared is reported, and its elements stay hidden.
 */
export function decideAudienceElements(roots: readonly ParentNode[], isDeclared: (id: string) => boolean, isIn: (id: string) => boolean): void {
  for (const root of roots) {
    for (const element of findMarked(root, AUDIENCE)) {
      // A variant's audience is the variants part's to choose by (dom/choose-variant.ts, through core.inAudience).
      if (element.hasAttribute(DECIDED) || element.hasAttribute('data-attune-variant')) continue;
      element.setAttribute(DECIDED, '');
      const value = element.getAttribute(AUDIENCE)!.trim();
      const id = value.replace(/^!/, '');
      if (!AUDIENCE_ID.test(value) || !isDeclared(id)) {
        warn(`${describeAttribute(AUDIENCE, value)} ${__DEV__ ? 'names no audience the site declared; leaving the element hidden' : 'is not valid'}`);
        continue;
      }
      if (isIn(id) !== value.startsWith('!')) element.setAttribute(SHOWN, '');
    }
  }
}
