import type { Attune, AudienceMembership } from '../types';
import type { PanelButton } from './controls';
import { element, withHiddenText } from './elements';
import { attributeName } from '../words';

/**
 * "What you told us": each stated attribute in a field the visitor can
 * change, with "Save" and "Remove". Values are shown as a field's value,
 * never as markup. None shown where the visitor told the site nothing.
 */
export function statedList(attune: Attune, button: PanelButton): HTMLElement[] {
  const stated = Object.entries(attune.get());
  if (!stated.length) return [];
  const rows = stated.map(([name, value]) => {
    const field = element('input');
    field.value = value;
    field.dataset.key = `field ${name}`;
    field.setAttribute('aria-label', attributeName(name));
    return element(
      'li',
      {},
      element('span', { className: 'label', textContent: attributeName(name) }),
      field,
      element(
        'span',
        { className: 'row-actions' },
        button(withHiddenText('Save', ` ${attributeName(name)}`), `save ${name}`, () => attune.set(name, field.value.trim() || null)),
        button(withHiddenText('Remove', ` ${attributeName(name)}`), `unset ${name}`, () => attune.set(name, null)),
      ),
    );
  });
  const list = element('ul', { className: 'stated' }, ...rows);
  list.setAttribute('aria-label', 'What you told us');
  return [element('h3', { textContent: 'What you told us' }), list];
}

/** The site's audiences the visitor is in, and why: decided on this device, never sent. */
export function audiencesList(audiences: readonly AudienceMembership[] | undefined): HTMLElement[] {
  if (!audiences?.length) return [];
  const rows = audiences.map(({ label, reasons }) => element('li', {}, element('span', { className: 'label', textContent: label }), element('span', { className: 'muted', textContent: reasons.join('; ') })));
  return [element('h3', { textContent: 'Groups this site shows you things for' }), element('ul', { className: 'audiences' }, ...rows)];
}
