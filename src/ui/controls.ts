import type { Attune } from '../types';

/**
 * Makes one of the panel's buttons. A click runs `action`, one action at a
 * time, then the panel renders again; `key` finds the button again after that
 * render, so focus stays where the visitor left it.
 */
export type PanelButton = (content: (Node | string)[], key: string, action: () => unknown, className?: string) => HTMLButtonElement;

/**
 * Orders the page again after the visitor changed what ranks it: its slots
 * (`apply()`), and, through an `attune:changed` event on the document, what a
 * site orders itself with `rank()`.
 */
export function orderPageAgain(attune: Attune): void {
  attune.apply();
  document.dispatchEvent(new CustomEvent('attune:changed'));
}

/** An action that changes how the page is ranked, followed by ordering it again, so the visitor sees what they asked for. */
export function reorderAfter(attune: Attune, action: () => unknown): () => Promise<void> {
  return () => Promise.resolve(action()).then(() => orderPageAgain(attune));
}

/** The control with this `data-key`, if the panel shows it; compared as text, since keys hold feature names that a selector would need escaped. */
export function controlByKey(root: ShadowRoot, key: string): HTMLElement | undefined {
  return Array.from(root.querySelectorAll<HTMLElement>('[data-key]')).find((control) => control.dataset.key === key);
}

export function warnFailed(error: unknown): void {
  console.warn('[attune] the panel could not do that', error);
}
