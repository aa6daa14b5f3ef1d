import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createSSRApp, defineComponent, h, nextTick } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createAttune, type Attune } from 'attune';
import { shown, SITE_ORDER, STORIES, told } from './stories';
import { AttuneSlot, createAttunePlugin, useAttune, useProfile, useRanked, useVariant, WhyThis } from 'attune/vue';

const visitor = () => createAttune({ storage: 'memory', autoTrack: false });

const List = defineComponent({
  setup() {
    const ranked = useRanked(STORIES);
    return () => h('ul', ranked.value.map(({ item, reasons }) => h('li', { key: item.id, 'data-attune-item': item.id }, [item.title, h('small', reasons[0]?.text ?? '')])));
  },
});

describe('attune/vue', () => {
  it('useVariant() keeps the space hidden until the choice, shows the visitor’s version, and counts a click through watch()', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    const texts: Record<string, string> = { subscribe: 'Subscribe', 'tennis-club': 'Join the tennis club' };
    const Cta = defineComponent({
      setup() {
        const cta = useVariant('cta', [{ id: 'subscribe' }, { id: 'tennis-club', features: ['topic:tennis'] }]);
        return () =>
          h('a', { ref: (element: unknown) => element && cta.value?.watch(element as Element), style: { visibility: cta.value ? 'visible' : 'hidden' } }, texts[cta.value?.id ?? 'subscribe']);
      },
    });
    const wrapper = mount(Cta, { global: { plugins: [createAttunePlugin({ attune })] } });
    expect((wrapper.element as HTMLElement).style.visibility).toBe('hidden');
    await vi.waitFor(() => expect(wrapper.text()).toBe('Join the tennis club'));
    expect((wrapper.element as HTMLElement).style.visibility).toBe('visible');
    await wrapper.trigger('click');
    const counted = (await attune.export()).interactions.filter(({ features }) => features.includes('variant:cta/tennis-club'));
    expect(counted.map(({ type }) => type)).toEqual(['impression', 'click']);
    wrapper.unmount();
  });

  it("renders a new visitor's list in the site's order, then moves what they like up, with its reason", async () => {
    const attune = await visitor();
    const wrapper = mount(List, { global: { plugins: [createAttunePlugin({ attune })] } });
    expect(shown(wrapper.element.parentElement!)).toEqual(SITE_ORDER);
    attune.prefer('topic:tennis', 1);
    await flushPromises();
    expect(shown(wrapper.element.parentElement!)[0]).toBe('tennis');
    expect(wrapper.find('li').text()).toContain('tennis');
    wrapper.unmount();
  });

  it('keeps useProfile() in step with what the visitor states', async () => {
    const attune = await visitor();
    let profile: { value: { feature: string }[] } | undefined;
    const Probe = defineComponent({
      setup() {
        profile = useProfile();
        return () => null;
      },
    });
    const wrapper = mount(Probe, { global: { plugins: [createAttunePlugin({ attune })] } });
    expect(profile!.value).toEqual([]);
    attune.prefer('topic:tennis', 1);
    await told();
    expect(profile!.value.map(({ feature }) => feature)).toEqual(['topic:tennis']);
    wrapper.unmount();
  });

  it('gives components the instance once a promised one is ready, and creates one from options', async () => {
    const promised = visitor();
    let instance: { value: Attune | undefined } | undefined;
    const Probe = defineComponent({
      setup() {
        instance = useAttune();
        return () => null;
      },
    });
    mount(Probe, { global: { plugins: [createAttunePlugin({ attune: promised })] } }).unmount();
    await flushPromises();
    expect(instance!.value).toBe(await promised);
    const created = mount(Probe, { global: { plugins: [createAttunePlugin({ options: { storage: 'memory', autoTrack: false } })] } });
    await vi.waitFor(() => expect(instance!.value).toBeDefined());
    const made = instance!.value!;
    created.unmount();
    await vi.waitFor(() => expect(() => made.track('click', { item: 'a', features: ['topic:golf'] })).toThrow(/closed/));
  });

  it('orders the items of an <AttuneSlot> like a data-attune-slot: other children keep their places, items past the limit are hidden', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    const Page = defineComponent({
      setup: () => () =>
        h('ul', [
          h(AttuneSlot, { limit: 2 }, () => [
            h('li', { key: 'heading' }, 'Today'),
            ...STORIES.map((story) => h('li', { key: story.id, 'data-attune-item': story.id, 'data-attune-features': story.features!.join(' ') }, story.title)),
          ]),
        ]),
    });
    const wrapper = mount(Page, { global: { plugins: [createAttunePlugin({ attune })] } });
    await nextTick();
    const list = wrapper.element as HTMLElement;
    expect(list.firstElementChild!.textContent).toBe('Today');
    expect(shown(list)[0]).toBe('tennis');
    expect([...list.querySelectorAll('[data-attune-item]')].map((item) => item.hasAttribute('hidden'))).toEqual([false, false, true, true]);
    wrapper.unmount();
  });

  it('answers "Why this?" in the visitor\'s words, and hides it again', async () => {
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    attune.rank(STORIES);
    const Story = defineComponent({ setup: () => () => h('li', { 'data-attune-item': 'tennis' }, ['Tennis', h(WhyThis, { item: 'tennis' })]) });
    const wrapper = mount(Story, { global: { plugins: [createAttunePlugin({ attune })] } });
    const button = wrapper.get('button');
    expect(button.text()).toBe('Why this?');
    await button.trigger('click');
    await vi.waitFor(() => expect(wrapper.find('ul.attune-why').exists()).toBe(true));
    const note = wrapper.get('ul.attune-why');
    expect(note.text()).toMatch(/tennis/);
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(button.attributes('aria-controls')).toBe(note.attributes('id'));
    await button.trigger('click');
    expect(wrapper.find('ul').exists()).toBe(false);
    expect(button.attributes('aria-expanded')).toBe('false');
    wrapper.unmount();
  });

  it("renders the site's order on the server and hydrates without a mismatch, ordered for the visitor", async () => {
    const markup = await renderToString(createSSRApp(List).use(createAttunePlugin()));
    const container = document.createElement('div');
    container.innerHTML = markup;
    document.body.append(container);
    expect(shown(container)).toEqual(SITE_ORDER);
    const attune = await visitor();
    attune.prefer('topic:tennis', 1);
    const mismatch = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const app = createSSRApp(List).use(createAttunePlugin({ attune }));
    app.mount(container);
    await nextTick();
    expect([...mismatch.mock.calls, ...warned.mock.calls].flat().join(' ')).not.toMatch(/mismatch/i);
    mismatch.mockRestore();
    warned.mockRestore();
    expect(shown(container)[0]).toBe('tennis');
    app.unmount();
    container.remove();
  });
});
