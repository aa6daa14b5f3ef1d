/**
 * A React site's and a Vue site's code against the packed package's
 * `attune/react` and `attune/vue`, compiled by test/package/package.test.ts
 * under each module resolution (see site.ts for why each `@ts-expect-error`).
 */
import { createAttune, type Attune } from 'attune';
import { AttuneProvider, Slot, useRanked, WhyThis, type Ranked } from 'attune/react';
import { AttuneSlot, createAttunePlugin, useRanked as useRankedList, WhyThis as VueWhyThis } from 'attune/vue';
import { createElement } from 'react';
import { createApp, h } from 'vue';

export const attune: Attune = await createAttune({ namespace: 'shop', storage: 'memory' });

interface Product {
  id: string;
  features: string[];
  name: string;
}
declare const products: Product[];
/** A React component: ranked items keep the site's own item type. */
export function ProductList() {
  const ranked: Ranked<Product>[] = useRanked(products, { limit: 12 });
  // @ts-expect-error a ranked item is the site's product, which has no price
  ranked[0]?.item.price;
  return createElement('ul', null, ranked.map(({ item, reasons }) => createElement('li', { key: item.id }, item.name, reasons[0]?.text, createElement(WhyThis, { item: item.id }))));
}
export const page = createElement(AttuneProvider, { attune }, createElement(Slot, { limit: 6 }), createElement(ProductList));
// @ts-expect-error the provider takes an instance, its promise or options
createElement(AttuneProvider, { attune: 'shop' });

export const vueApp = createApp({ setup: () => () => h(AttuneSlot, { limit: 6 }, () => h(VueWhyThis, { item: 'p42' })) }).use(createAttunePlugin({ attune }));
export const rankedNames = () => useRankedList(() => products).value.map(({ item }) => item.name);
// @ts-expect-error the plugin takes an instance, its promise or options
createAttunePlugin({ attune: 42 });
