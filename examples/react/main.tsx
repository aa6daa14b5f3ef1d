// The React demo: Attune through attune/react. The instance is created before
// the first render, so the shelf is in the visitor's order from the first
// paint; useRanked() ranks again whenever the visitor's profile changes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAttune } from 'attune';
import { AttuneProvider, Slot, useAttune, useProfile, useRanked, useVariant, WhyThis } from 'attune/react';
import { BOOKS, EVENTS, STAFF_PICKS, type Book } from '../books';

function BookCard({ book, reason }: { book: Book; reason?: string | undefined }) {
  const attune = useAttune();
  return (
    <>
      <span className="book-title">{book.title}</span>
      <span className="book-meta">
        {book.author} · {book.genre}
      </span>
      {reason !== undefined && <small className="reason">{reason}</small>}
      <span className="book-actions">
        <button type="button" data-action="like" onClick={() => attune?.like(book.id, { features: book.features })}>
          ♥ Like
        </button>
        <button type="button" data-action="dislike" onClick={() => attune?.dislike(book.id, { features: book.features })}>
          Not for me
        </button>
        <WhyThis item={book.id} />
      </span>
    </>
  );
}

function Shelf() {
  const ranked = useRanked(BOOKS, { limit: 8 });
  return (
    <ol className="books" aria-label="Books for you" data-list="shelf">
      {ranked.map(({ item, reasons }) => (
        <li key={item.id} className="book" data-attune-item={item.id} data-attune-features={item.features.join(' ')}>
          <BookCard book={item} reason={reasons[0]?.text} />
        </li>
      ))}
    </ol>
  );
}

function StaffPicks() {
  return (
    <ul className="books picks" aria-label="Staff picks" data-list="picks">
      <Slot limit={3}>
        {STAFF_PICKS.map((book) => (
          <li key={book.id} className="book" data-attune-item={book.id} data-attune-features={book.features.join(' ')}>
            <BookCard book={book} />
          </li>
        ))}
      </Slot>
    </ul>
  );
}

function Learned() {
  const learned = useProfile()
    .filter(({ weight }) => weight > 0)
    .slice(0, 6);
  if (learned.length === 0) return <p className="muted">Nothing yet. Like a book.</p>;
  return (
    <ol className="learned" data-list="learned">
      {learned.map(({ feature, weight }) => (
        <li key={feature}>
          {feature.replace(':', ' ')} <span className="muted">{weight.toFixed(1)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The shop's call to action in the version for this reader; hidden, its space kept, until chosen. Last in the sidebar, as versions differ in height. */
function Events() {
  const event = useVariant('events', EVENTS);
  const shown = EVENTS.find(({ id }) => id === event?.id) ?? EVENTS[0]!;
  return (
    <section className="box" data-list="events" style={{ visibility: event ? 'visible' : 'hidden' }}>
      <h2>At the shop</h2>
      <p>
        <a href="#events" ref={(element) => void (element && event?.watch(element))}>
          {shown.text}
        </a>
      </p>
    </section>
  );
}

const attune = await createAttune({ namespace: 'react-demo', consent: 'granted' });
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <AttuneProvider attune={attune}>
      <div className="wrap front">
        <main>
          <h1 className="section-title">For you</h1>
          <Shelf />
        </main>
        <aside className="sidebar">
          <section className="box">
            <h2>Staff picks</h2>
            <StaffPicks />
          </section>
          <section className="box">
            <h2>What this shop has learned</h2>
            <Learned />
          </section>
          <Events />
        </aside>
      </div>
    </AttuneProvider>
  </StrictMode>,
);
