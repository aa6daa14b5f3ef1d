import type { Attune } from '../types';

const WHY = 'data-attune-why';
let notes = 0;

/**
 * "Why this?" for slot items and variants that ask for it: a site marks a
 * button inside an item or a container of variants, `<button type="button" data-attune-why>Why this?</button>`, and a
 * click shows, right after the button, why the item is where it is, in the
 * visitor's words (`explain()`); another click hides it again. The button
 * says so to assistive technology with aria-expanded and aria-controls.
 */
export function enableWhyThis(doc: Document, attune: Attune): void {
  doc.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.(`[${WHY}]`);
    // An item, or a container of variants: explain() takes its name.
    const around = button?.closest('[data-attune-item],[data-attune-variants]');
    const item = around?.getAttribute('data-attune-item') ?? around?.getAttribute('data-attune-variants');
    if (!button || !item) return;
    const open = doc.getElementById(button.getAttribute('aria-controls') ?? '');
    if (open) {
      open.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    void attune.explain(item).then((lines) => {
      const note = doc.createElement('ul');
      note.id = `attune-why-${++notes}`;
      note.className = 'attune-why';
      for (const line of lines.length ? lines : ['In the site’s own order']) note.append(Object.assign(doc.createElement('li'), { textContent: line }));
      button.after(note);
      button.setAttribute('aria-controls', note.id);
      button.setAttribute('aria-expanded', 'true');
    });
  });
}
