/**
 * Pages we did not build: a seeded generator of slots as sites lay them out,
 * with the visitor who reads a few items of one topic on each. The behaviour
 * tests run the SDK over hundreds of them, so that a constant tuned on the two
 * demos cannot pass for a ranking that works.
 */
import type { Candidate } from 'attune';
import { Draws } from './draws';

/**
 * How the site ordered its slot: by hand (random to us), by popularity (whole
 * topics can sit at the bottom), round-robin over topics, or topic by topic.
 */
export type SiteOrder = 'editorial' | 'popularity' | 'interleaved' | 'clustered';
export const SITE_ORDERS: readonly SiteOrder[] = ['editorial', 'popularity', 'interleaved', 'clustered'];

/**
 * A news page's items have a topic and an author; a shop's a category and a
 * brand, with a colour and a price band that many categories share.
 */
export type PageKind = 'news' | 'shop';

export interface GeneratedItem {
  id: string;
  /** The item's topics (or categories) as features, its main one first. */
  topics: string[];
  /** Its author (or brand) as a feature. */
  maker: string;
  /** Every feature, as `data-attune-features` lists them. */
  features: string[];
  pinned: boolean;
}

export interface GeneratedPage {
  seed: number;
  kind: PageKind;
  /** Every topic (or category) of the page, as features. */
  topics: string[];
  /** The items in the site's order. */
  items: GeneratedItem[];
  siteOrder: SiteOrder;
  /** The slot's `data-attune-limit`: how many places are in view. */
  limit: number;
  /** Features every item, or many items across topics, carry (`type:article`, `section:sport`, `colour:red`). */
  commonFeatures: string[];
  /** The visitor of this page: they read (click) `read`, items of `topic` and nothing else. */
  reader: { topic: string; read: string[] };
}

const TOPICS = [
  'tennis', 'football', 'cooking', 'science', 'politics', 'travel', 'golf', 'music', 'film', 'books',
  'economy', 'weather', 'cars', 'gardening', 'fashion', 'technology', 'art', 'history', 'climate', 'education',
];
const CATEGORIES = [
  'shoes', 'jackets', 'bags', 'hats', 'watches', 'socks', 'scarves', 'gloves', 'belts', 'shirts',
  'trousers', 'dresses', 'sunglasses', 'wallets', 'umbrellas', 'boots', 'sandals', 'jumpers', 'coats', 'backpacks',
];
const AUTHORS = [
  'jane', 'tom', 'priya', 'luis', 'marta', 'sam', 'kwame', 'hana', 'ines', 'omar', 'lena', 'raj',
  'ada', 'yuki', 'piotr', 'chloe', 'diego', 'amara', 'felix', 'noor', 'ivan', 'maya', 'otto', 'zara',
  'bruno', 'elif', 'hugo', 'kira', 'leo', 'mina', 'nils', 'olga', 'pablo', 'rosa', 'sven', 'tara',
  'umar', 'vera', 'wes', 'xena',
];
const BRANDS = ['acme', 'fjell', 'tidewater', 'northwind', 'lumen', 'harbour', 'kestrel', 'ember', 'quill', 'solace', 'vale', 'orbit'];
const COLOURS = ['red', 'blue', 'green', 'black', 'grey', 'yellow', 'white', 'brown'];
const PRICE_BANDS = ['budget', 'mid-range', 'premium'];

/** A page and its reader, the same for the same seed. */
export function generatePage(seed: number): GeneratedPage {
  const draw = new Draws(seed);
  const kind: PageKind = draw.chance(0.7) ? 'news' : 'shop';
  const [topicPrefix, makerPrefix] = kind === 'news' ? ['topic', 'author'] : ['category', 'brand'];
  const n = draw.int(10, 200);
  const topicCount = draw.int(3, Math.min(20, Math.floor(n / 2)));
  const topics = draw.sample(kind === 'news' ? TOPICS : CATEGORIES, topicCount).map((name) => `${topicPrefix}:${name}`);

  // Topic sizes are skewed: some topics have many items, some one or two.
  const skew = draw.next() * 1.5;
  const topicWeights = draw.shuffle(topics.map((_, rank) => 1 / (rank + 1) ** skew));
  const mainTopics = topics.map((_, t) => t);
  while (mainTopics.length < n) mainTopics.push(draw.weighted(topicWeights));

  const makersOf = makersByTopic(draw, topics.length, kind === 'news' ? AUTHORS : BRANDS, makerPrefix, n);
  const secondTopicShare = draw.pick([0, 0, 0.1, 0.3]);
  const common = commonFeaturesOf(draw, kind, topics);

  const items = draw.shuffle(mainTopics).map((t, i): GeneratedItem => {
    const itemTopics = [topics[t]!];
    if (topics.length > 1 && draw.chance(secondTopicShare)) {
      let other = draw.int(0, topics.length - 2);
      if (other >= t) other++;
      itemTopics.push(topics[other]!);
    }
    const maker = draw.pick(makersOf[t]!);
    return { id: `i${String(i).padStart(3, '0')}`, topics: itemTopics, maker, features: [...itemTopics, maker, ...common.of(t)], pinned: false };
  });

  const siteOrder = draw.pick(SITE_ORDERS);
  const ordered = orderItems(draw, items, topics, topicWeights, siteOrder);
  const limit = draw.int(4, Math.min(20, n - 1));
  if (draw.chance(0.4)) {
    // Editors pin near the top: most pins fall in or just below the places in view.
    for (let pins = draw.int(1, 3); pins > 0; pins--) ordered[Math.min(n - 1, Math.floor(draw.next() ** 2 * (limit + 3)))]!.pinned = true;
  }
  return { seed, kind, topics, items: ordered, siteOrder, limit, commonFeatures: common.all, reader: readerOf(draw, ordered, topics) };
}

/**
 * Authors write in two to four topics each (a brand makes several
 * categories), so what one author's items share is not their topic; every
 * topic has at least one author.
 */
function makersByTopic(draw: Draws, topicCount: number, names: readonly string[], prefix: string, n: number): string[][] {
  const count = draw.int(Math.min(names.length, Math.max(2, Math.ceil(topicCount / 3))), Math.min(names.length, Math.max(3, Math.floor(n / 4))));
  const makers = draw.sample(names, count).map((name) => `${prefix}:${name}`);
  const byTopic: string[][] = Array.from({ length: topicCount }, () => []);
  for (const maker of makers) {
    for (const t of draw.sample([...byTopic.keys()], draw.int(Math.min(2, topicCount), Math.min(4, topicCount)))) byTopic[t]!.push(maker);
  }
  for (const list of byTopic) if (list.length === 0) list.push(draw.pick(makers));
  return byTopic;
}

/**
 * Features many items share across topics. News: sometimes `type:article` on
 * every item (or on all but a few videos), sometimes a `section:` that groups
 * several topics. Shop: a colour and a price band on every product.
 */
function commonFeaturesOf(draw: Draws, kind: PageKind, topics: readonly string[]): { all: string[]; of(topic: number): string[] } {
  if (kind === 'shop') {
    const colours = draw.sample(COLOURS, draw.int(3, COLOURS.length)).map((colour) => `colour:${colour}`);
    const bands = PRICE_BANDS.map((band) => `price:${band}`);
    return { all: [...colours, ...bands], of: () => [draw.pick(colours), draw.pick(bands)] };
  }
  const type = draw.pick(['none', 'article', 'mixed'] as const);
  const sectionCount = draw.chance(0.5) ? draw.int(2, Math.min(4, topics.length)) : 0;
  const sectionOf = topics.map(() => `section:s${draw.int(1, sectionCount)}`);
  const all = [...(type === 'none' ? [] : ['type:article']), ...(type === 'mixed' ? ['type:video'] : []), ...(sectionCount ? new Set(sectionOf) : [])];
  return {
    all,
    of: (t) => [
      ...(type === 'article' ? ['type:article'] : type === 'mixed' ? [draw.chance(0.9) ? 'type:article' : 'type:video'] : []),
      ...(sectionCount ? [sectionOf[t]!] : []),
    ],
  };
}

function orderItems(draw: Draws, items: GeneratedItem[], topics: readonly string[], topicWeights: readonly number[], order: SiteOrder): GeneratedItem[] {
  const mainOf = (item: GeneratedItem) => topics.indexOf(item.topics[0]!);
  switch (order) {
    case 'editorial':
      return draw.shuffle(items);
    case 'popularity': {
      // An item's popularity is its topic's times a long-tailed draw of its own (exponential noise).
      const popularTopics = draw.shuffle(topicWeights);
      const popularity = new Map(items.map((item) => [item, popularTopics[mainOf(item)]! * -Math.log(1 - draw.next())]));
      return items.slice().sort((a, b) => popularity.get(b)! - popularity.get(a)!);
    }
    case 'interleaved':
    case 'clustered': {
      const groups = draw.shuffle(topics.map((_, t) => draw.shuffle(items.filter((item) => mainOf(item) === t))));
      if (order === 'clustered') return groups.flat();
      const result: GeneratedItem[] = [];
      for (let round = 0; result.length < items.length; round++) for (const group of groups) if (round < group.length) result.push(group[round]!);
      return result;
    }
  }
}

/**
 * The page's visitor: two or three items read, all of one topic that has at
 * least that many unpinned items with it as their only topic where it can,
 * chosen anywhere in the site's order.
 */
function readerOf(draw: Draws, items: readonly GeneratedItem[], topics: readonly string[]): GeneratedPage['reader'] {
  const reads = draw.int(2, 3);
  const readable = (topic: string, alone: boolean) =>
    items.filter((item) => !item.pinned && item.topics.includes(topic) && (!alone || item.topics.length === 1));
  const choices = topics.filter((topic) => readable(topic, true).length >= reads);
  const topic = choices.length ? draw.pick(choices) : topics.reduce((a, b) => (readable(b, false).length > readable(a, false).length ? b : a));
  const pool = readable(topic, true).length >= reads ? readable(topic, true) : readable(topic, false);
  return { topic, read: draw.sample(pool, reads).map((item) => item.id) };
}

/** The page's items as `rank()` takes them, in the site's order. */
export function candidatesOf(page: GeneratedPage): Candidate[] {
  return page.items.map(({ id, features, pinned }) => (pinned ? { id, features, pinned } : { id, features }));
}

/** One line that says which page this is. */
export function describePage(page: GeneratedPage): string {
  const pinned = page.items.filter((item) => item.pinned).length;
  return (
    `seed ${page.seed}: ${page.kind}, ${page.items.length} items in ${page.topics.length} topics, ${page.siteOrder} order, ` +
    `limit ${page.limit}${pinned ? `, ${pinned} pinned` : ''}${page.commonFeatures.length ? `, common: ${page.commonFeatures.join(' ')}` : ''}`
  );
}
