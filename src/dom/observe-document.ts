/**
 * Calls `scan` with the elements the parser or the site's scripts add, one
 * batch at a time, and with the whole document now and once it is parsed.
 * One MutationObserver serves both slot ordering and automatic tracking. Its
 * callbacks run as microtasks, before the browser's next rendering step, so a
 * slot ordered there is never seen in its old order. Where MutationObserver is
 * missing, content added after parsing is not seen.
 *
 * @returns a function that stops observing.
 */
export function observeDocument(doc: Document, scan: (roots: ParentNode[]) => void): () => void {
  const View = doc.defaultView;
  // An element added a second time is one we (or the site) moved: no news.
  // Without this, reordering a slot would call scan again, and again.
  const seen = new WeakSet<Node>();
  const observer =
    View && typeof View.MutationObserver === 'function'
      ? new View.MutationObserver((records) => {
          const added: Element[] = [];
          for (const { addedNodes } of records) {
            for (const node of addedNodes) {
              if (node.nodeType === 1 && !seen.has(node)) added.push(node as Element);
              seen.add(node);
            }
          }
          if (added.length) scan(added);
        })
      : undefined;
  observer?.observe(doc.documentElement, { childList: true, subtree: true });
  const onParsed = () => scan([doc]);
  doc.addEventListener('DOMContentLoaded', onParsed);
  onParsed();
  return () => {
    observer?.disconnect();
    doc.removeEventListener('DOMContentLoaded', onParsed);
  };
}
