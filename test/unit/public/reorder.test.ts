import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttune, reorder } from 'attune';

/** A grid of three tiles, as a site that orders its own elements with rank() renders them, with a heading that is no tile. */
function grid(): { container: HTMLElement; tiles: HTMLElement[] } {
  document.body.innerHTML = `<div id="grid"><h2>New</h2><article id="a">A</article><article id="b"><button>Like</button></article><article id="c">C</article></div>`;
  const container = document.getElementById('grid')!;
  return { container, tiles: [...container.querySelectorAll('article')] };
}

const ids = (container: Element) => [...container.children].map((child) => child.id || child.tagName);

afterEach(() => vi.restoreAllMocks());

describe('reorder()', () => {
  it('moves the given children into the order given, other children kept in place, when the visitor is not using the container', () => {
    const { container, tiles } = grid();
    const [a, b, c] = tiles as [HTMLElement, HTMLElement, HTMLElement];
    const onMoved = vi.fn();
    reorder(container, [c, a, b], onMoved);
    expect(ids(container)).toEqual(['H2', 'c', 'a', 'b']);
    expect(onMoved).toHaveBeenCalledOnce();
  });

  it('moves elements, never re-creates them: focus inside a moved tile stays there', () => {
    const { container, tiles } = grid();
    const [a, b, c] = tiles as [HTMLElement, HTMLElement, HTMLElement];
    const like = b.querySelector('button')!;
    reorder(container, [b, c, a]);
    expect(container.querySelector('button')).toBe(like);
    expect(ids(container)).toEqual(['H2', 'b', 'c', 'a']);
  });

  it('orders as rank() says, for a site that renders its own elements', async () => {
    const { container, tiles } = grid();
    const attune = await createAttune({ storage: 'memory' });
    attune.like('x', { features: ['topic:tennis'] });
    const features: Record<string, string[]> = { a: ['topic:golf'], b: ['topic:cooking'], c: ['topic:tennis'] };
    const ranking = attune.rank(tiles.map(({ id }) => ({ id, features: features[id]! })));
    reorder(
      container,
      ranking.map(({ id }) => document.getElementById(id)!),
    );
    expect(ids(container)[1]).toBe('c');
    await attune.close();
  });

  it('throws a TypeError naming what is wrong: no container, an element not its child, one listed twice, an onMoved that is no function', () => {
    const { container, tiles } = grid();
    const stranger = document.createElement('article');
    expect(() => reorder(undefined as unknown as Element, tiles)).toThrow(/container/);
    expect(() => reorder(container, [...tiles, stranger])).toThrow(TypeError);
    expect(() => reorder(container, [tiles[0]!, tiles[0]!])).toThrow(/ordered must list children of container, each once/);
    expect(() => reorder(container, 'a b c' as unknown as Element[])).toThrow(/ordered/);
    expect(() => reorder(container, tiles, 'done' as unknown as () => void)).toThrow(/onMoved must be a function/);
    expect(ids(container)).toEqual(['H2', 'a', 'b', 'c']);
  });
});
