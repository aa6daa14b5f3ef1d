// The bookshop of the React and Vue demos, in the shop's own order (the order a
// visitor with no history sees). Attune ranks them by their features.

export interface Book {
  id: string;
  title: string;
  author: string;
  genre: string;
  features: string[];
}

const shelf: [id: string, title: string, author: string, genre: string][] = [
  ['b01', 'The Salt Road', 'Ines Marlow', 'history'],
  ['b02', 'Orbit of Small Things', 'Tom Achebe', 'science'],
  ['b03', 'A Kitchen by the Sea', 'Rosa Lind', 'cooking'],
  ['b04', 'The Quiet Harbour', 'Ines Marlow', 'mystery'],
  ['b05', 'Tides and Engines', 'Paul Okafor', 'history'],
  ['b06', 'Bread for Beginners', 'Rosa Lind', 'cooking'],
  ['b07', 'The Last Lighthouse', 'Mara Quist', 'mystery'],
  ['b08', 'Cells, Simply', 'Tom Achebe', 'science'],
  ['b09', 'Walking the Fells', 'Paul Okafor', 'travel'],
  ['b10', 'Murder at Low Tide', 'Mara Quist', 'mystery'],
  ['b11', 'Soup Weather', 'Ana Brook', 'cooking'],
  ['b12', 'Islands in Winter', 'Ana Brook', 'travel'],
];

/** Author names as feature values: `Ines Marlow` → `ines-marlow`. */
const slug = (name: string) => name.toLowerCase().replace(/\s+/g, '-');

export const BOOKS: Book[] = shelf.map(([id, title, author, genre]) => ({
  id,
  title,
  author,
  genre,
  features: [`genre:${genre}`, `author:${slug(author)}`],
}));

/** The staff's picks, a slot of three ordered for the visitor. */
export const STAFF_PICKS: Book[] = BOOKS.filter(({ id }) => ['b02', 'b03', 'b07', 'b09', 'b10'].includes(id));

/** One call to action, told three ways: useVariant() shows each reader the version for what they like. */
export const EVENTS: { id: string; text: string; features?: string[] }[] = [
  { id: 'newsletter', text: 'New books each month, in one short letter: sign up' },
  { id: 'mystery-night', features: ['genre:mystery'], text: 'Mystery night on Friday: Mara Quist reads from her new one' },
  { id: 'bread-class', features: ['genre:cooking'], text: 'Cook from the book: Rosa Lind’s bread class on Saturday' },
];
