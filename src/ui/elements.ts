/** Building the panel's DOM: plain DOM APIs, so it needs no `'unsafe-inline'` under a Content Security Policy. */

/** `element('p', { className: 'muted' }, 'text')`: a new element with its properties and children. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<Pick<HTMLElement, 'className' | 'textContent' | 'id'>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/** Visible text plus words only a screen reader hears: `More` + ` tennis` reads "More tennis". */
export function withHiddenText(visible: string, hidden: string): (Node | string)[] {
  return [visible, element('span', { className: 'sr', textContent: hidden })];
}

/** A paragraph in the panel's quieter colour and size. */
export function mutedParagraph(text: string): HTMLParagraphElement {
  return element('p', { className: 'muted', textContent: text });
}
