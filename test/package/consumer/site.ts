/**
 * A site's own code against the packed package, every entry point of it,
 * compiled by test/package/package.test.ts under each module resolution with
 * the strictest settings. Each `@ts-expect-error` line must fail to compile:
 * were a type `any` (declarations that do not resolve, hidden by
 * `skipLibCheck`), it would compile, and tsc would report the directive as
 * unused. The exported constants have inferred types, so emitting this file's
 * declarations checks that a site can name them.
 */
import { createAttune, DEFAULT_BLEND, loadModel, reorder, type Attune, type AttuneOptions, type RankedItem, type Reason } from 'attune';
import { definePanel, type AttunePanelElement } from 'attune/panel';
import { buildModel, parseCsv, readCatalogue, type CatalogueItem } from 'attune/tools';

const options: AttuneOptions = { namespace: 'shop', consent: 'granted', storage: 'memory', blend: { ...DEFAULT_BLEND, popularity: 0.5 } };
export const attune: Attune = await createAttune(options);

attune.track('click', { item: 'p42', features: ['category:shoes', 'brand:acme'] });
const ranked: RankedItem[] = attune.rank([{ id: 'p42', features: ['category:shoes'] }], { limit: 12 });
export const firstReason: Reason | undefined = ranked[0]?.reasons[0];
export const explained = attune.explain('p42');

// @ts-expect-error rank() returns ranked items, not a number
export const count: number = attune.rank([]);
// @ts-expect-error a misspelt option is refused
await createAttune({ namespce: 'shop' });
// @ts-expect-error status is one of four words
export const status: 'open' = attune.status;
// @ts-expect-error under noUncheckedIndexedAccess, the first item may be missing
export const firstId: string = ranked[0].id;

const grid = document.querySelector('#grid');
if (grid) reorder(grid, ranked.flatMap(({ id }) => [...grid.children].filter((tile) => tile.id === id)), () => undefined);
// @ts-expect-error reorder() moves elements, not ids
if (grid) reorder(grid, ranked.map(({ id }) => id));

definePanel();
const panel: AttunePanelElement | null = document.querySelector('attune-panel');
if (panel) panel.attune = attune;
// @ts-expect-error the panel takes an instance
if (panel) panel.attune = 'shop';

const catalogue: CatalogueItem[] = readCatalogue('id,features\np42,category:shoes\n', 'csv');
export const built = buildModel({ catalogue });
export const model = await loadModel(built.bytes);
export const rows = parseCsv('movieId,title\n1,Toy Story (1995)\n');
// @ts-expect-error a build needs the catalogue
buildModel({});

