import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement as h, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { createAttune, type Attune } from 'attune';
import { shown, SITE_ORDER, STORIES, told } from './stories';
import { AttuneProvider, Slot, useAttune, useProfile, useRanked, useVariant, WhyThis } from 'attune/react';

const visitor = () => createAttune({ storage: 'memory', autoTrack: false });

function List() {
  const ranked = useRanked(STORIES);
  return h('ul', null, ranked.map(({ item, reasons }) => h('li', { key: item.id, 'data-attune-item': item.id }, item.title, h('small', null, reasons[0]?.text ?? ''))));
}
const withAttune = (attune: Attune | Promise<Attune>, children: ReactNode) => h(AttuneProvider, { attune }, children);

afterEach(cleanup);

const CTA = [{ id: 'subscribe' }, { id: 'tennis-club', features: ['topic:tennis'] }];
const TEXTS: Record<string, string> = { subscribe: 'Subscribe', 'tennis-club': 'Join the tennis club' };

describe('attune/react', () => {
  it('useVariant() keeps the space hidden until the choice, shows the visitor’s version, and counts a click through watch()', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    function Cta() {
      const cta = useVariant('cta', [...CTA]);
      return h('a', { ref: (element: HTMLElement | null) => element && cta?.watch(element), style: { visibility: cta ? 'visible' : 'hidden' } }, TEXTS[cta?.id ?? 'subscribe']);
    }
    const { container } = render(withAttune(attune, h(Cta)));
    const link = container.querySelector('a')!;
    expect(link.style.visibility).toBe('hidden');
    // The hook asked first: once the same question is answered, so is the hook's.
    await act(async () => void (await attune.variant('cta', [...CTA])));
    expect(link.textContent).toBe('Join the tennis club');
    expect(link.style.visibility).toBe('visible');
    fireEvent.click(link);
    const counted = (await attune.export()).interactions.filter(({ features }) => features.includes('variant:cta/tennis-club'));
    expect(counted.map(({ type }) => type)).toEqual(['impression', 'click']);
  });

  it('useVariant() throws a bad argument from the render, as a TypeError', async () => {
    const attune = await visitor();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const thrown: unknown[] = [];
    function Bad() {
      useVariant('cta', []);
      return null;
    }
    class Boundary extends (await import('react')).Component<{ children: ReactNode }, { failed: boolean }> {
      override state = { failed: false };
      static getDerivedStateFromError() {
        return { failed: true };
      }
      override componentDidCatch(caught: unknown) {
        thrown.push(caught);
      }
      override render() {
        return this.state.failed ? null : this.props.children;
      }
    }
    render(withAttune(attune, h(Boundary, null, h(Bad))));
    await act(async () => void (await attune.variant('cta', []).catch(() => {})));
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toBeInstanceOf(TypeError);
    expect(String(thrown[0])).toMatch(/variant\(\): variants must be an array/);
    error.mockRestore();
  });

  it("renders a new visitor's list in the site's order, then moves what they like up, with its reason", async () => {
    const attune = await visitor();
    render(withAttune(attune, h(List)));
    expect(shown()).toEqual(SITE_ORDER);
    await act(async () => {
      attune.prefer('topic:tennis', 1);
      await told();
    });
    expect(shown()[0]).toBe('tennis');
    expect(screen.getByText('Tennis').parentElement!.textContent).toContain('tennis');
  });

  it('keeps useProfile() in step with what the visitor states', async () => {
    const attune = await visitor();
    function Interests() {
      return h('p', null, useProfile().map(({ feature }) => feature).join(' '));
    }
    const { container } = render(withAttune(attune, h(Interests)));
    expect(container.textContent).toBe('');
    await act(async () => {
      attune.prefer('topic:tennis', 1);
      await told();
    });
    expect(container.textContent).toBe('topic:tennis');
  });

  it('gives components the instance once a promised one is ready', async () => {
    const promised = visitor();
    const seen: (Attune | undefined)[] = [];
    function Probe() {
      seen.push(useAttune());
      return null;
    }
    render(withAttune(promised, h(Probe)));
    expect(seen[0]).toBeUndefined();
    await act(async () => void (await promised));
    expect(seen.at(-1)).toBe(await promised);
  });

  it('creates one instance from options, and closes it when the provider unmounts', async () => {
    let instance: Attune | undefined;
    function Probe() {
      instance = useAttune();
      return null;
    }
    const { unmount } = render(h(AttuneProvider, { options: { storage: 'memory', autoTrack: false } }, h(Probe)));
    await vi.waitFor(() => expect(instance).toBeDefined());
    unmount();
    await vi.waitFor(() => expect(() => instance!.track('click', { item: 'a', features: ['topic:golf'] })).toThrow(/closed/));
  });

  it('orders the items of a <Slot> like a data-attune-slot: other children keep their places, items past the limit are hidden', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    render(
      withAttune(
        attune,
        h('ul', null, h(Slot, { limit: 2 }, h('li', { key: 'heading' }, 'Today'), ...STORIES.map((story) => h('li', { key: story.id, 'data-attune-item': story.id, 'data-attune-features': story.features!.join(' ') }, story.title)))),
      ),
    );
    const list = document.querySelector('ul')!;
    expect(list.firstElementChild!.textContent).toBe('Today');
    expect(shown()[0]).toBe('tennis');
    expect([...list.querySelectorAll('[data-attune-item]')].map((item) => item.hasAttribute('hidden'))).toEqual([false, false, true, true]);
  });

  it('answers "Why this?" in the visitor\'s words, and hides it again', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    function Story() {
      useRanked(STORIES);
      return h('li', { 'data-attune-item': 'tennis' }, 'Tennis', h(WhyThis, { item: 'tennis' }));
    }
    render(withAttune(attune, h(Story)));
    const button = screen.getByRole('button', { name: 'Why this?' });
    fireEvent.click(button);
    const note = await screen.findByRole('list');
    expect(note.textContent).toMatch(/tennis/);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(note.id);
    fireEvent.click(button);
    expect(screen.queryByRole('list')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it("renders the site's order on the server and hydrates without a mismatch, ordered for the visitor before paint", async () => {
    const markup = renderToString(h(AttuneProvider, null, h(List)));
    const container = document.createElement('div');
    container.innerHTML = markup;
    document.body.append(container);
    expect(shown(container)).toEqual(SITE_ORDER);
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    const recoverable = vi.fn();
    await act(async () => void hydrateRoot(container, withAttune(attune, h(List)), { onRecoverableError: recoverable }));
    expect(recoverable).not.toHaveBeenCalled();
    expect(shown(container)[0]).toBe('tennis');
    container.remove();
  });
});
