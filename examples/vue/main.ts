// The Vue demo: Attune through attune/vue. The instance is created before the
// app mounts, so the shelf is in the visitor's order from the first paint;
// useRanked() ranks again whenever the visitor's profile changes. Render
// functions, so the demo needs no template compiler.
import { computed, createApp, defineComponent, h, type PropType } from 'vue';
import { createAttune } from 'attune';
import { AttuneSlot, createAttunePlugin, useAttune, useProfile, useRanked, useVariant, WhyThis } from 'attune/vue';
import { BOOKS, EVENTS, STAFF_PICKS, type Book } from '../books';

const BookCard = defineComponent({
  props: { book: { type: Object as PropType<Book>, required: true }, reason: { type: String, required: false } },
  setup(props) {
    const attune = useAttune();
    return () => [
      h('span', { class: 'book-title' }, props.book.title),
      h('span', { class: 'book-meta' }, `${props.book.author} · ${props.book.genre}`),
      props.reason === undefined ? null : h('small', { class: 'reason' }, props.reason),
      h('span', { class: 'book-actions' }, [
        h('button', { type: 'button', 'data-action': 'like', onClick: () => attune.value?.like(props.book.id, { features: props.book.features }) }, '♥ Like'),
        h('button', { type: 'button', 'data-action': 'dislike', onClick: () => attune.value?.dislike(props.book.id, { features: props.book.features }) }, 'Not for me'),
        h(WhyThis, { item: props.book.id }),
      ]),
    ];
  },
});

const bookItem = (book: Book, reason?: string) =>
  h('li', { key: book.id, class: 'book', 'data-attune-item': book.id, 'data-attune-features': book.features.join(' ') }, [h(BookCard, { book, reason })]);

const Shelf = defineComponent({
  setup() {
    const ranked = useRanked(BOOKS, { limit: 8 });
    return () => h('ol', { class: 'books', 'aria-label': 'Books for you', 'data-list': 'shelf' }, ranked.value.map(({ item, reasons }) => bookItem(item, reasons[0]?.text ?? '')));
  },
});

const StaffPicks = defineComponent({
  setup: () => () => h('ul', { class: 'books picks', 'aria-label': 'Staff picks', 'data-list': 'picks' }, [h(AttuneSlot, { limit: 3 }, () => STAFF_PICKS.map((book) => bookItem(book)))]),
});

const Learned = defineComponent({
  setup() {
    const profile = useProfile();
    const learned = computed(() => profile.value.filter(({ weight }) => weight > 0).slice(0, 6));
    return () =>
      learned.value.length === 0
        ? h('p', { class: 'muted' }, 'Nothing yet. Like a book.')
        : h('ol', { class: 'learned', 'data-list': 'learned' }, learned.value.map(({ feature, weight }) => h('li', { key: feature }, [`${feature.replace(':', ' ')} `, h('span', { class: 'muted' }, weight.toFixed(1))])));
  },
});

/** The shop's call to action in the version for this reader; hidden, its space kept, until chosen. Last in the sidebar, as versions differ in height. */
const Events = defineComponent({
  setup() {
    const event = useVariant('events', EVENTS);
    return () =>
      h('section', { class: 'box', 'data-list': 'events', style: { visibility: event.value ? 'visible' : 'hidden' } }, [
        h('h2', 'At the shop'),
        h('p', [
          h('a', { href: '#events', ref: (element: unknown) => element && event.value?.watch(element as Element) }, (EVENTS.find(({ id }) => id === event.value?.id) ?? EVENTS[0]!).text),
        ]),
      ]);
  },
});

const App = defineComponent({
  setup: () => () =>
    h('div', { class: 'wrap front' }, [
      h('main', [h('h1', { class: 'section-title' }, 'For you'), h(Shelf)]),
      h('aside', { class: 'sidebar' }, [
        h('section', { class: 'box' }, [h('h2', 'Staff picks'), h(StaffPicks)]),
        h('section', { class: 'box' }, [h('h2', 'What this shop has learned'), h(Learned)]),
        h(Events),
      ]),
    ]),
});

const attune = await createAttune({ namespace: 'vue-demo', consent: 'granted' });
createApp(App).use(createAttunePlugin({ attune })).mount('#app');
