// The shop demo: Attune used as a module. The page renders its own product
// grid, asks attune.rank() for the order, moves its tiles with reorder(), and
// tells Attune what the visitor does with like(), dislike() and track(). The
// visitor's panel and "Why this?" come from attune/panel.
import { createAttune, reorder } from 'attune';
import { definePanel, enableWhyThis } from 'attune/panel';
import { products } from './products.js';

// Resolves once the profile stored on this device is loaded. A shop keeps what a visitor liked or
// opened where they can find it again: seen products are not lowered, as a news site lowers stories read.
// The shop's rule and audience are decided in this browser: a rule lifts the socks for a visitor who liked
// the Trail Runner, with its own reason; an audience of visitors who like red gets the red week banner.
const attune = await createAttune({
  namespace: 'shop',
  consent: 'granted',
  seen: 'keep',
  rules: [
    {
      id: 'runner-socks',
      when: { did: 'like', item: 'p01' },
      then: { boost: 1.5, items: ['p18', 'p12'] },
      reason: 'Because you liked the Trail Runner',
    },
  ],
  audiences: [{ id: 'red-fans', label: 'fans of red', when: { interest: 'colour:red', atLeast: 0.4 } }],
});
// Fills the greeting (data-attune-text) and decides the banners (data-attune-audience) of this page.
attune.apply();

const nameForm = document.querySelector('#name-form');
nameForm.elements.firstName.value = attune.get('firstName') ?? '';
nameForm.addEventListener('submit', (event) => {
  event.preventDefault();
  attune.set('firstName', event.target.elements.firstName.value.trim() || null);
});

const grid = document.querySelector('#grid');
const orderNote = document.querySelector('#order-note');

const productById = new Map(products.map((product) => [product.id, product]));
const candidates = products.map(({ id, features }) => ({ id, features }));
const price = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Simple shapes per category, in a 64 × 64 box: `fill` takes the product's
// colour, `trim` a neutral one, `line` is stroked.
const ARTWORK = {
  shoes: [['path', 'fill', 'M8 44V30c0-3 2-5 5-5h9l6 7c3 3 7 4 11 5l10 2c5 1 8 4 8 8v1H8z'], ['rect', 'trim', 6, 45, 52, 7]],
  jackets: [['path', 'fill', 'M24 10l8 6 8-6 12 6 6 20-8 3-3-9v28H17V30l-3 9-8-3 6-20z'], ['rect', 'trim', 31, 16, 2, 42]],
  bags: [['path', 'line', 'M23 26v-6a9 9 0 0 1 18 0v6'], ['path', 'fill', 'M12 24h40l-4 32H16z']],
  hats: [['path', 'fill', 'M14 44c0-14 8-26 18-26s18 12 18 26z'], ['circle', 'fill', 32, 15, 5], ['rect', 'trim', 10, 42, 44, 9]],
  watches: [['rect', 'trim', 24, 6, 16, 52], ['circle', 'fill', 32, 32, 15], ['circle', 'face', 32, 32, 11], ['path', 'hand', 'M32 32v-8m0 8l6 3']],
  socks: [['path', 'fill', 'M22 6h18v28l10 10c4 4 3 11-3 13-3 1-6 0-8-2L24 41c-1-1-2-3-2-5z'], ['rect', 'trim', 22, 6, 18, 7]],
};

function artwork(category) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 64 64');
  svg.setAttribute('class', 'tile-art');
  svg.setAttribute('aria-hidden', 'true');
  for (const [shape, className, ...values] of ARTWORK[category]) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', shape);
    node.setAttribute('class', className);
    const names = { path: ['d'], rect: ['x', 'y', 'width', 'height'], circle: ['cx', 'cy', 'r'] }[shape];
    names.forEach((name, index) => node.setAttribute(name, values[index]));
    if (shape === 'rect') node.setAttribute('rx', 2);
    svg.append(node);
  }
  return svg;
}

function button(action, label, accessibleName) {
  const node = element('button', `tile-${action}`, label);
  node.type = 'button';
  node.dataset.action = action;
  node.setAttribute('aria-label', accessibleName);
  return node;
}

/** Builds a product's tile once; re-ranking moves it, so focus and listeners survive. */
function createTile(product) {
  const tile = element('article', `tile colour-${product.colour}`);
  tile.dataset.product = product.id;
  // "Why this?" (attune/panel) finds the product by this attribute and says why it is where it is.
  tile.dataset.attuneItem = product.id;
  const open = element('button', 'tile-open');
  open.type = 'button';
  open.append(
    artwork(product.category),
    element('span', 'tile-name', product.name),
    element('span', 'tile-meta', `${product.brand} · ${price.format(product.price)}`),
  );
  const actions = element('div', 'tile-actions');
  actions.append(button('like', '♥ Like', `Like ${product.name}`), button('dislike', 'Not for me', `${product.name}: not for me`));
  const why = element('button', 'tile-why', 'Why this?');
  why.type = 'button';
  why.dataset.attuneWhy = '';
  why.setAttribute('aria-label', `Why ${product.name} is here`);
  tile.append(open, element('small', 'reason'), why, actions);
  return tile;
}

const tiles = new Map(products.map((product) => [product.id, createTile(product)]));

/** Each tile's reason line: the first of its reasons, which says why it is where it is. */
function writeReasons(ranking) {
  for (const { id, reasons } of ranking) {
    const reasonLine = tiles.get(id).querySelector('.reason');
    reasonLine.textContent = reasons[0]?.text ?? '';
    reasonLine.title = reasonLine.textContent; // the whole reason, where the tile cuts it short
  }
}

/** The first order, before the grid is shown: the tiles go in as ranked. */
function renderGrid() {
  const ranking = attune.rank(candidates);
  grid.append(...ranking.map(({ id }) => tiles.get(id)));
  writeReasons(ranking);
}

/**
 * After a like, "Not for me" or a look: the new order. reorder() holds it back
 * while the pointer is over the grid (or keyboard focus is in it), so the tile
 * next to the one just liked never slides under the pointer; once the visitor
 * leaves the grid, the tiles slide to their places and the reasons follow.
 */
function updateGrid() {
  const ranking = attune.rank(candidates);
  reorder(grid, ranking.map(({ id }) => tiles.get(id)), () => writeReasons(ranking));
}

let noteTimer;
function showNote(text) {
  orderNote.textContent = text;
  orderNote.classList.remove('faded');
  clearTimeout(noteTimer);
  // Fades rather than empties: an emptied line could move the grid.
  noteTimer = setTimeout(() => orderNote.classList.add('faded'), 4000);
}

grid.addEventListener('click', (event) => {
  const tile = event.target.closest('.tile');
  // "Why this?" and its answer belong to attune/panel, and teach nothing.
  if (!tile || event.target.closest('[data-attune-why], .attune-why')) return;
  const product = productById.get(tile.dataset.product);
  const action = event.target.closest('[data-action]')?.dataset.action;
  if (action === 'like') attune.like(product.id, { features: product.features });
  else if (action === 'dislike') attune.dislike(product.id, { features: product.features });
  else attune.track('click', { item: product.id, features: product.features });

  const done = { like: `You liked ${product.name}.`, dislike: `Fewer like ${product.name}.` }[action] ?? `You looked at ${product.name}.`;
  updateGrid();
  showNote(`${done} The grid reorders once you leave it.`);
});

// The sale banner: one of its variants, chosen once for this page view, with why.
document.addEventListener('attune:variant', async (event) => {
  const [why] = await attune.explain(event.detail.variants);
  document.querySelector('#sale-why').textContent = why ? `This visit it shows “${event.detail.variant}”: ${why}.` : '';
});
attune.apply();

renderGrid();
// More, Less, Remove, the dial, pause and delete in the panel: the grid follows them too.
document.addEventListener('attune:changed', updateGrid);
definePanel();
document.querySelector('attune-panel').attune = attune;
enableWhyThis(document, attune);
