// Fills article.html with the story named by ?id=, from articles.js.
//
// A classic, synchronous script inside <main>: the story is in the page before
// the first paint. The <article> gets its data-attune-page-item and
// data-attune-features before it is inserted, so Attune, which watches the
// page for marked-up elements, sees a complete item and can measure the
// visible time and scroll depth of this story, and keeps its title and address
// with the view for the "Recently viewed" list.
{
  const { topics, articles, featuresOf, recentlyViewed } = globalThis.newsroom;
  const id = new URLSearchParams(location.search).get('id');
  const article = articles.find((candidate) => candidate.id === id);

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const backLink = () => {
    const back = element('p', 'back');
    const link = element('a', '', '← Back to the front page');
    link.href = './';
    back.append(link);
    return back;
  };

  const story = element('article', 'story-article');
  if (article) {
    story.classList.add(`topic-${article.topic}`);
    story.dataset.attunePageItem = article.id;
    story.dataset.attuneFeatures = featuresOf(article).join(' ');
    // How the "Recently viewed" strip shows this story: its title and address.
    story.dataset.attuneTitle = article.title;
    story.dataset.attuneUrl = `article.html?id=${encodeURIComponent(article.id)}`;
    document.title = `${article.title} · The Harbourside Courier`;

    const words = article.body.join(' ').split(/\s+/).length;
    const header = element('header', 'story-header');
    header.append(
      element('p', 'kicker', topics[article.topic]),
      element('h1', '', article.title),
      element('p', 'story-standfirst', article.standfirst),
      element('p', 'byline', `By ${article.author} · ${Math.max(1, Math.round(words / 220))} min read`),
    );
    const art = element('div', 'art');
    art.setAttribute('aria-hidden', 'true');
    const body = element('div', 'story-body');
    body.append(...article.body.map((paragraph) => element('p', '', paragraph)));

    // The next three stories on the same topic, wrapping round.
    const sameTopic = articles.filter((other) => other.topic === article.topic);
    const at = sameTopic.indexOf(article);
    const related = [1, 2, 3].map((step) => sameTopic[(at + step) % sameTopic.length]).filter((other) => other !== article);
    const next = element('nav', 'read-next');
    next.setAttribute('aria-label', `More ${topics[article.topic]}`);
    const list = element('ul');
    for (const other of related) {
      const item = element('li');
      const link = element('a', '', other.title);
      link.href = `article.html?id=${encodeURIComponent(other.id)}`;
      item.append(link);
      list.append(item);
    }
    next.append(element('h2', '', `More ${topics[article.topic]}`), list);

    story.append(header, art, body);
    // Outside the <article>, so scroll depth measures the story alone.
    document.currentScript.before(story, next, backLink());
    // Below the story, so a list that fills moves nothing the reader sees first. The site's own markup.
    document.currentScript.insertAdjacentHTML('beforebegin', recentlyViewed);
  } else {
    document.title = 'Story not found · The Harbourside Courier';
    story.append(
      element('h1', '', 'Story not found'),
      element('p', '', 'We could not find that story. It may have moved, or the link may be incomplete.'),
      backLink(),
    );
    document.currentScript.before(story);
  }
}
