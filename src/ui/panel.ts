/**
 * `<attune-panel>`: the visitor's view of what Attune has learned about them on
 * this site, with "More", "Less" and "Remove" for each interest, a dial from
 * "more of what I like" to "surprise me", a pause of personalization, a
 * download of everything kept, and erase. Loaded on demand: it is not part of the core
 * bundle, and it uses only the public {@link Attune} API.
 *
 * Rendered with DOM APIs into a shadow root and styled with a constructed
 * stylesheet, so it works under a Content Security Policy without
 * `'unsafe-inline'` and neither takes nor leaks the host page's styles.
 *
 * @packageDocumentation
 * @module attune/panel
 */
import type { Attune } from '../types';
import { AttunePanel } from './panel-element';

/** The element `definePanel()` registers. */
export interface AttunePanelElement extends HTMLElement {
  /** The instance whose profile the panel shows; it renders again when set. */
  attune: Attune | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-panel': AttunePanelElement;
  }
}

const TAG = 'attune-panel';

/**
 * Registers `<attune-panel>` once; later calls do nothing, and so does a page
 * without custom elements.
 *
 * @example
 * ```ts
 * import { createAttune } from 'attune';
 * import { definePanel } from 'attune/panel';
 * definePanel();
 * document.querySelector('attune-panel')!.attune = await createAttune();
 * ```
 */
export function definePanel(): void {
  if (typeof customElements === 'undefined' || customElements.get(TAG)) return;
  customElements.define(TAG, AttunePanel);
}

export { enableWhyThis } from './why-this';
