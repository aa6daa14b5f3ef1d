/**
 * `attune/react`: Attune for React 18 and 19. A provider holds one instance;
 * `useRanked()` and `<Slot>` order the site's items for the visitor and render
 * again when the profile changes; `<WhyThis>` and `useExplanation()` say why
 * an item is where it is; `useVariant()` chooses a version of a message. On the server and while hydrating, every list is in
 * the site's own order, so the markup matches; the client orders it in a
 * layout effect, before the browser paints.
 *
 * @packageDocumentation
 * @module attune/react
 */
import {
  Children,
  cloneElement,
  createContext,
  createElement,
  Fragment,
  isValidElement,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { Attune, AttuneOptions, Candidate, LearnedFeature, RankOptions, Variant, VariantChoice } from '../types';
import { createAttune } from '../attune';
import { warn } from '../errors';
import { SITE_ORDER_TEXT } from '../words';
import { candidateOf, optionsKey, rankItems, slotPlaces, type MarkedItem, type Ranked } from './ranked';

export type { Ranked };

/** What the provider gives its tree: the instance once ready, and a count of the profile's changes. */
interface Shared {
  attune: Attune | undefined;
  changes: number;
}
const AttuneContext = createContext<Shared>({ attune: undefined, changes: 0 });

/** A layout effect in the browser; on the server, where nothing is laid out, a plain effect (which never runs there). */
const useBeforePaint = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Props of {@link AttuneProvider}. */
export interface AttuneProviderProps {
  /**
   * The instance to share, or the promise of one (`createAttune()`'s). Create
   * it before rendering, and lists are in the visitor's order from the first
   * paint; given a promise, they are reordered when it resolves.
   */
  attune?: Attune | Promise<Attune>;
  /** Without `attune`: the options of the one instance the provider creates, in the browser only, when it mounts. */
  options?: AttuneOptions;
  children?: ReactNode;
}

/**
 * Shares one Attune instance with the components below it. Either give it an
 * instance (or its promise), or options to create one with: it creates one
 * instance in the browser, never on the server, and closes it when it unmounts.
 *
 * @example
 * ```tsx
 * const attune = await createAttune({ namespace: 'shop', consent: 'granted' });
 * createRoot(container).render(<AttuneProvider attune={attune}><App /></AttuneProvider>);
 * ```
 */
export function AttuneProvider({ attune, options, children }: AttuneProviderProps): ReactElement {
  const given = attune instanceof Promise ? undefined : attune;
  const [ready, setReady] = useState<Attune | undefined>(given);
  const [changes, setChanges] = useState(0);
  // Created or awaited once per provider: options are read when it mounts, as createAttune reads them once.
  useEffect(() => {
    if (given) return setReady(given);
    let live = true;
    const created = attune === undefined ? createAttune(options) : undefined;
    (created ?? (attune as Promise<Attune>)).then(
      (instance) => live && setReady(instance),
      (error: unknown) => warn('the provider has no instance; lists keep the site’s order', error),
    );
    return () => {
      live = false;
      void created?.then((instance) => instance.close());
    };
  }, [attune]);
  useEffect(() => ready?.subscribe(() => setChanges((count) => count + 1)), [ready]);
  const shared = useMemo(() => ({ attune: ready, changes }), [ready, changes]);
  return createElement(AttuneContext.Provider, { value: shared }, children);
}

/**
 * The provider's instance, or undefined until it is ready (and always on the
 * server). Components that call it render again when the profile changes.
 *
 * @returns the instance, for `track()`, `like()`, `prefer()` and the rest.
 */
export function useAttune(): Attune | undefined {
  return useContext(AttuneContext).attune;
}

/** False on the server and in the render that hydrates; true from the layout effect on, before the first paint. */
function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useBeforePaint(() => setMounted(true), []);
  return mounted;
}

/**
 * The site's items in the visitor's order, ranked again whenever the profile
 * changes (a like, a stated preference, an erase). The order given is the
 * site's own, which the server renders and a new visitor gets back.
 *
 * @param items - the site's items, each with `id` and `features`, in the site's order.
 * @param options - as {@link Attune.rank}'s: `limit`, `inView`, `diversity` and the rest.
 * @returns each item with its score and reasons, in the visitor's order.
 * @example
 * ```tsx
 * const ranked = useRanked(products, { limit: 12 });
 * return <ul>{ranked.map(({ item, reasons }) => <li key={item.id}>{item.name} <small>{reasons[0]?.text}</small></li>)}</ul>;
 * ```
 */
export function useRanked<T extends Candidate>(items: readonly T[], options?: RankOptions): Ranked<T>[] {
  const { attune, changes } = useContext(AttuneContext);
  const mounted = useMounted();
  const key = optionsKey(options);
  return useMemo(() => rankItems(mounted ? attune : undefined, items, options), [mounted, attune, changes, items, key]);
}

/** Props of {@link Slot}. */
export interface SlotProps {
  /** Show the first `limit` items after ordering; the rest render with `hidden`, as `data-attune-limit` does. */
  limit?: number;
  /** Rank options besides `limit`, as {@link Attune.rank}'s. */
  options?: Omit<RankOptions, 'limit'>;
  /**
   * The slot's children. Those with a `data-attune-item` prop (and
   * `data-attune-features`, `data-attune-pin`) are its items and are
   * ordered; the others keep their places.
   */
  children?: ReactNode;
}

/**
 * Orders its children for the visitor, as `data-attune-slot` orders a
 * container's: the same props as the markup, so autoTrack records clicks and
 * impressions of them. It renders no element of its own: put it inside your
 * list. Items are kept by their keys, so React moves them, never re-creates them.
 *
 * @example
 * ```tsx
 * <ul>
 *   <Slot limit={6}>
 *     {stories.map((story) => (
 *       <li key={story.id} data-attune-item={story.id} data-attune-features={story.features.join(' ')}>{story.title}</li>
 *     ))}
 *   </Slot>
 * </ul>
 * ```
 */
export function Slot({ limit, options, children }: SlotProps): ReactElement {
  const elements = Children.toArray(children);
  const candidates = elements.map((child) => (isValidElement<MarkedItem>(child) ? candidateOf(child.props) : undefined));
  // The same items, stated alike, rank alike: a parent's render that changes nothing in them does not rank again.
  const stated = JSON.stringify(candidates);
  const items = useMemo(() => candidates.filter((candidate) => candidate !== undefined), [stated]);
  const ranked = useRanked(items, { ...options, ...(limit !== undefined && { inView: limit }) });
  const places = slotPlaces(elements, candidates, ranked, limit);
  return createElement(
    Fragment,
    null,
    places.map(({ child, hidden }) => (hidden && isValidElement<{ hidden?: boolean }>(child) ? cloneElement(child, { hidden: true }) : child)),
  );
}

/**
 * What the visitor's profile holds now, strongest first (see
 * {@link Attune.profile}), read again when it changes; empty until the
 * instance is ready.
 *
 * @returns the learned features with their weights.
 */
export function useProfile(): LearnedFeature[] {
  const { attune, changes } = useContext(AttuneContext);
  return useMemo(() => attune?.profile() ?? [], [attune, changes]);
}

/**
 * Why an item sits where the latest ranking of this page view put it, in the
 * visitor's words (see {@link Attune.explain}), asked again when the profile
 * changes; undefined while it is being worked out, or while `enabled` is false.
 *
 * @param item - the item's id.
 * @param enabled - ask only when true (a "Why this?" that is open). Default true.
 * @returns the lines to show, strongest reason first; one saying it is in the site's order when no ranking placed it.
 */
export function useExplanation(item: string, enabled = true): string[] | undefined {
  const { attune, changes } = useContext(AttuneContext);
  const [lines, setLines] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    if (!attune || !enabled) return setLines(undefined);
    let live = true;
    attune.explain(item).then(
      (explained) => live && setLines(explained.length ? explained : [SITE_ORDER_TEXT]),
      (error: unknown) => warn(`could not explain "${item}"`, error),
    );
    return () => {
      live = false;
    };
  }, [attune, changes, item, enabled]);
  return lines;
}

/**
 * Which of several versions of one message this visitor sees (see
 * {@link Attune.variant}): undefined on the server, while hydrating and until
 * the choice is made (the variants part loads the first time), then the same
 * choice for the page view. While it is undefined, keep the message's space
 * without showing a version (`visibility: hidden`), so none shows and then
 * changes. A bad name or variant throws from the render, as a TypeError.
 *
 * @param name - the message's name.
 * @param variants - its versions in the site's order, each `{ id, features?, audience? }`.
 * @returns the choice: `id`, `reason`, and `watch(element)` (a ref) to count the visitor's responses.
 * @example
 * ```tsx
 * const cta = useVariant('cta', [{ id: 'subscribe' }, { id: 'shoes-sale', features: ['category:shoes'] }]);
 * return <a ref={(element) => element && cta?.watch(element)} style={{ visibility: cta ? 'visible' : 'hidden' }}>{TEXTS[cta?.id ?? 'subscribe']}</a>;
 * ```
 */
export function useVariant(name: string, variants: readonly Variant[]): VariantChoice | undefined {
  const attune = useAttune();
  const [choice, setChoice] = useState<{ chosen?: VariantChoice; error?: unknown }>({});
  // The same versions, stated alike, choose alike: a new array each render asks nothing again.
  const stated = JSON.stringify(variants);
  useEffect(() => {
    if (!attune) return;
    let live = true;
    attune.variant(name, variants).then(
      (chosen) => live && setChoice({ chosen }),
      (error: unknown) => live && (error instanceof TypeError ? setChoice({ error }) : warn(`could not choose a variant of "${name}"`, error)),
    );
    return () => {
      live = false;
    };
  }, [attune, name, stated]);
  if (choice.error) throw choice.error;
  return choice.chosen;
}

/** Props of {@link WhyThis}. */
export interface WhyThisProps {
  /** The item's id. */
  item: string;
  /** The button's text. Default "Why this?". */
  children?: ReactNode;
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
 * ```tsx
 * <li data-attune-item={story.id}>{story.title} <WhyThis item={story.id} /></li>
 * ```
 */
export function WhyThis({ item, children = 'Why this?' }: WhyThisProps): ReactElement {
  const [open, setOpen] = useState(false);
  const id = useId();
  const lines = useExplanation(item, open);
  const button = createElement(
    'button',
    { type: 'button', 'data-attune-why': '', 'aria-expanded': open, 'aria-controls': open ? id : undefined, onClick: () => setOpen(!open) },
    children,
  );
  const note = open && lines ? createElement('ul', { id, className: 'attune-why' }, lines.map((line, index) => createElement('li', { key: index }, line))) : null;
  return createElement(Fragment, null, button, note);
}
