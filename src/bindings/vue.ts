/**
 * `attune/vue`: Attune for Vue 3. A plugin holds one instance; `useRanked()`
 * and `<AttuneSlot>` order the site's items for the visitor and render again
 * when the profile changes; `<WhyThis>` and `useExplanation()` say why an item
 * is where it is; `useVariant()` chooses a version of a message. On the server and while hydrating, every list is in the
 * site's own order, so the markup matches; the client orders it once mounted,
 * before the browser paints.
 *
 * @packageDocumentation
 * @module attune/vue
 */
import {
  computed,
  defineComponent,
  Fragment,
  getCurrentInstance,
  h,
  inject,
  onMounted,
  ref,
  shallowRef,
  toValue,
  useId,
  watch,
  type App,
  type ComputedRef,
  type InjectionKey,
  type MaybeRefOrGetter,
  type PropType,
  type Ref,
  type ShallowRef,
  type VNode,
} from 'vue';
import type { Attune, AttuneOptions, Candidate, LearnedFeature, RankOptions, Variant, VariantChoice } from '../types';
import { createAttune } from '../attune';
import { warn } from '../errors';
import { SITE_ORDER_TEXT } from '../words';
import { candidateOf, rankItems, slotPlaces, type MarkedItem, type Ranked } from './ranked';

export type { Ranked };

/** What the plugin gives the app: the instance once ready, and a count of the profile's changes. */
interface Shared {
  attune: ShallowRef<Attune | undefined>;
  changes: Ref<number>;
}
const ATTUNE: InjectionKey<Shared> = Symbol('attune');

/** The plugin {@link createAttunePlugin} returns, for `app.use()`. */
export interface AttunePlugin {
  /** Provides the instance to the app's components; run by `app.use()`. */
  install(app: App): void;
}

/** Options of {@link createAttunePlugin}. */
export interface AttunePluginOptions {
  /**
   * The instance to share, or the promise of one (`createAttune()`'s). Create
   * it before mounting, and lists are in the visitor's order from the first
   * paint; given a promise, they are reordered when it resolves.
   */
  attune?: Attune | Promise<Attune>;
  /** Without `attune`: the options of the one instance the plugin creates, in the browser only. */
  options?: AttuneOptions;
}

/**
 * A Vue plugin that shares one Attune instance with the whole app: give it
 * an instance (or its promise), or options to create one with in the browser
 * (never on the server). It is closed when the app unmounts.
 *
 * @param plugin - the instance, its promise, or the options to create one.
 * @returns the plugin, for `app.use()`.
 * @example
 * ```ts
 * const attune = await createAttune({ namespace: 'shop', consent: 'granted' });
 * createApp(App).use(createAttunePlugin({ attune })).mount('#app');
 * ```
 */
export function createAttunePlugin(plugin: AttunePluginOptions = {}): AttunePlugin {
  return {
    install(app) {
      const given = plugin.attune instanceof Promise ? undefined : plugin.attune;
      const shared: Shared = { attune: shallowRef(given), changes: ref(0) };
      app.provide(ATTUNE, shared);
      let stop: (() => void) | undefined;
      const use = (instance: Attune) => {
        shared.attune.value = instance;
        stop = instance.subscribe(() => shared.changes.value++);
      };
      if (given) use(given);
      else if (typeof document !== 'undefined' || plugin.attune) {
        const created = plugin.attune === undefined ? createAttune(plugin.options) : undefined;
        (created ?? (plugin.attune as Promise<Attune>)).then(use, (error: unknown) => warn('the plugin has no instance; lists keep the site’s order', error));
        app.onUnmount?.(() => void created?.then((instance) => instance.close()));
      }
      app.onUnmount?.(() => stop?.());
    },
  };
}

/** The plugin's state, or none outside an app that uses it (so lists keep the site's order). */
function useShared(): Shared {
  return inject(ATTUNE, () => ({ attune: shallowRef(undefined), changes: ref(0) }), true);
}

/**
 * The plugin's instance, as a ref: undefined until it is ready (and always on the server).
 *
 * @returns a read-only ref to the instance, for `track()`, `like()`, `prefer()` and the rest.
 */
export function useAttune(): Readonly<ShallowRef<Attune | undefined>> {
  return useShared().attune;
}

/** False on the server and in the render that hydrates; true once mounted, before the first paint. */
function useMounted(): Ref<boolean> {
  const mounted = ref(false);
  if (getCurrentInstance()) onMounted(() => (mounted.value = true));
  else mounted.value = typeof document !== 'undefined';
  return mounted;
}

/**
 * Ranks for the component calling it: in the site's order until mounted, then
 * for the visitor. Reading the profile's change count makes the computed
 * value or render function that calls it depend on the profile.
 */
function useRanking(): <T extends Candidate>(items: readonly T[], options: RankOptions | undefined) => Ranked<T>[] {
  const { attune, changes } = useShared();
  const mounted = useMounted();
  return (items, options) => {
    void changes.value;
    return rankItems(mounted.value ? attune.value : undefined, items, options);
  };
}

/**
 * The site's items in the visitor's order, ranked again whenever the profile
 * changes (a like, a stated preference, an erase) or the items or options do.
 * The order given is the site's own, which the server renders and a new
 * visitor gets back.
 *
 * @param items - the site's items (a ref, a getter or an array), each with `id` and `features`, in the site's order.
 * @param options - as {@link Attune.rank}'s: `limit`, `inView`, `diversity` and the rest.
 * @returns a computed list of each item with its score and reasons, in the visitor's order.
 * @example
 * ```ts
 * const ranked = useRanked(() => props.products, { limit: 12 });
 * ```
 */
export function useRanked<T extends Candidate>(items: MaybeRefOrGetter<readonly T[]>, options?: MaybeRefOrGetter<RankOptions | undefined>): ComputedRef<Ranked<T>[]> {
  const rankFor = useRanking();
  return computed(() => rankFor(toValue(items), toValue(options)));
}

/**
 * What the visitor's profile holds now, strongest first (see
 * {@link Attune.profile}), computed again when it changes; empty until the
 * instance is ready.
 *
 * @returns a computed list of the learned features with their weights.
 */
export function useProfile(): ComputedRef<LearnedFeature[]> {
  const { attune, changes } = useShared();
  return computed(() => (void changes.value, attune.value?.profile() ?? []));
}

/**
 * Why an item sits where the latest ranking of this page view put it, in the
 * visitor's words (see {@link Attune.explain}), asked again when the profile
 * changes; undefined while it is being worked out, or while `enabled` is false.
 *
 * @param item - the item's id (a ref, a getter or a string).
 * @param enabled - ask only while true (a "Why this?" that is open). Default true.
 * @returns a ref to the lines to show, strongest reason first.
 */
export function useExplanation(item: MaybeRefOrGetter<string>, enabled: MaybeRefOrGetter<boolean> = true): Readonly<Ref<string[] | undefined>> {
  const { attune, changes } = useShared();
  const lines = ref<string[] | undefined>(undefined);
  let asked = 0;
  watch(
    [attune, changes, () => toValue(item), () => toValue(enabled)],
    ([instance, , id, on]) => {
      const question = ++asked;
      if (!instance || !on) return void (lines.value = undefined);
      instance.explain(id).then(
        (explained) => question === asked && (lines.value = explained.length ? explained : [SITE_ORDER_TEXT]),
        (error: unknown) => warn(`could not explain "${id}"`, error),
      );
    },
    { immediate: true },
  );
  return lines;
}

/**
 * Which of several versions of one message this visitor sees (see
 * {@link Attune.variant}): undefined on the server, while hydrating and until
 * the choice is made (the variants part loads the first time), then the same
 * choice for the page view. While it is undefined, keep the message's space
 * without showing a version (`visibility: hidden`). A bad name or variant
 * rejects with a TypeError that goes unhandled, so it shows in the console.
 *
 * @param name - the message's name (a ref or getter may change it).
 * @param variants - its versions in the site's order, each `{ id, features?, audience? }`.
 * @returns a ref to the choice: `id`, `reason`, and `watch(element)` to count the visitor's responses.
 * @example
 * ```ts
 * const cta = useVariant('cta', [{ id: 'subscribe' }, { id: 'shoes-sale', features: ['category:shoes'] }]);
 * // in the template: <a :ref="(el) => el && cta?.watch(el)" :style="{ visibility: cta ? 'visible' : 'hidden' }">…</a>
 * ```
 */
export function useVariant(name: MaybeRefOrGetter<string>, variants: MaybeRefOrGetter<readonly Variant[]>): Readonly<ShallowRef<VariantChoice | undefined>> {
  const { attune } = useShared();
  const choice = shallowRef<VariantChoice | undefined>(undefined);
  let asked = 0;
  watch(
    // The same versions, stated alike, choose alike.
    [attune, () => toValue(name), () => JSON.stringify(toValue(variants))],
    ([instance, id]) => {
      const question = ++asked;
      if (!instance) return;
      instance.variant(id, toValue(variants)).then(
        (chosen) => question === asked && (choice.value = chosen),
        (error: unknown) => {
          if (error instanceof TypeError) throw error;
          warn(`could not choose a variant of "${id}"`, error);
        },
      );
    },
    { immediate: true },
  );
  return choice;
}

/**
 * Orders the items of its default slot for the visitor, as `data-attune-slot`
 * orders a container's: its children with a `data-attune-item` attribute (and
 * `data-attune-features`, `data-attune-pin`) are its items, the others keep
 * their places; items past `limit` render with `hidden`. It renders no element
 * of its own: put it inside your list, and give each item a `key`.
 *
 * @example
 * ```html
 * <ul>
 *   <AttuneSlot :limit="6">
 *     <li v-for="story in stories" :key="story.id" :data-attune-item="story.id" :data-attune-features="story.features.join(' ')">{{ story.title }}</li>
 *   </AttuneSlot>
 * </ul>
 * ```
 */
export const AttuneSlot = defineComponent({
  name: 'AttuneSlot',
  props: {
    /** Show the first `limit` items after ordering; the rest render with `hidden`, as `data-attune-limit` does. */
    limit: { type: Number, required: false },
    /** Rank options besides `limit`, as {@link Attune.rank}'s. */
    options: { type: Object as PropType<Omit<RankOptions, 'limit'>>, required: false },
  },
  setup(props, { slots }) {
    const rankFor = useRanking();
    // Ranked in the render function, which so depends on the slot's children, the props and the profile.
    return () => {
      const children = flatten(slots.default?.() ?? []);
      const candidates = children.map((child) => candidateOf(child.props as MarkedItem | null));
      const items = candidates.filter((candidate) => candidate !== undefined);
      const ranked = rankFor(items, { ...props.options, ...(props.limit !== undefined && { inView: props.limit }) });
      return slotPlaces(children, candidates, ranked, props.limit).map(({ child, hidden }) => (hidden ? h(child, { hidden: true }) : child));
    };
  },
});

/** The slot's children as rendered: a `v-for` is a fragment of them. */
function flatten(nodes: VNode[]): VNode[] {
  return nodes.flatMap((node) => (Array.isArray(node.children) && node.type === Fragment ? flatten(node.children as VNode[]) : [node]));
}

/**
 * A "Why this?" button for one item: a click shows, right after it, why the
 * item is where it is, in the visitor's words; another click hides it. The
 * button carries `data-attune-why`, so autoTrack does not count the click as
 * interest in the item, and says it is open with `aria-expanded` and
 * `aria-controls`. The list has the class `attune-why`, as the panel's has.
 * Use it or the panel's `enableWhyThis()` for an item, not both.
 *
 * @example
 * ```html
 * <li :data-attune-item="story.id">{{ story.title }} <WhyThis :item="story.id" /></li>
 * ```
 */
export const WhyThis = defineComponent({
  name: 'WhyThis',
  props: {
    /** The item's id. */
    item: { type: String, required: true },
  },
  setup(props, { slots }) {
    const open = ref(false);
    const id = useId();
    const lines = useExplanation(() => props.item, open);
    return () => [
      h(
        'button',
        { type: 'button', 'data-attune-why': '', 'aria-expanded': String(open.value), 'aria-controls': open.value ? id : undefined, onClick: () => (open.value = !open.value) },
        slots.default?.() ?? 'Why this?',
      ),
      open.value && lines.value ? h('ul', { id, class: 'attune-why' }, lines.value.map((line) => h('li', line))) : null,
    ];
  },
});
