/**
 * The panel's script-tag entry, loaded on demand next to attune.min.js:
 *
 * ```html
 * <attune-panel></attune-panel>
 * <script src="attune-panel.min.js" defer></script>
 * ```
 *
 * It defines `<attune-panel>` and hands every panel on the page the script
 * tag's instance through `window.attune_queue`, which runs the call as soon as
 * Attune is ready. A panel added later asks the queue itself when connected.
 * It also answers "Why this?" buttons (`data-attune-why`) in slot items.
 */
import { definePanel } from './panel';
import { enableWhyThis } from './why-this';

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  definePanel();
  (window.attune_queue ||= []).push((attune) => {
    for (const panel of document.querySelectorAll('attune-panel')) panel.attune = attune;
    enableWhyThis(document, attune);
  });
}
