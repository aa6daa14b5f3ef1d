import { fail, warn } from '../errors';

/**
 * `subscribe()`: tells the site's listeners that a ranking may come out
 * differently now (an interaction learned, an interest stated or forgotten,
 * a pause, the dial, an erase, the model or another tab's history adopted),
 * so a list the site renders itself (the React and Vue bindings' `useRanked`)
 * can be ranked again. Every change in one task, a burst of impressions or a
 * whole import, is told once, after that task, so a listener that renders does
 * so once and never inside the call or the event that changed the profile. Not
 * in a microtask: those run between an event's listeners, and autoTrack's click
 * listener runs first (capture phase), so a list rendered again there would drop
 * a clicked item past its limit (chosen now, so lowered) before the item's own
 * click handler ran, and React, which finds handlers from the element, runs none.
 */
export class Changes {
  _listeners = new Set<() => void>();
  _due = false;

  /** Called wherever the profile or the visitor's settings change; cheap when nobody listens. */
  notify = (): void => {
    if (this._due || this._listeners.size === 0) return;
    this._due = true;
    setTimeout(() => {
      this._due = false;
      for (const listener of [...this._listeners]) {
        try {
          listener();
        } catch (error) {
          // The site's listener is the site's code: its failure is reported, the others still run.
          warn('a subscribe() listener threw', error);
        }
      }
    }, 0);
  };

  subscribe(listener: () => void): () => void {
    if (typeof listener !== 'function') fail('subscribe()', __DEV__ ? 'listener must be a function' : 'listener', listener);
    this._listeners.add(listener);
    return () => {
      this._listeners.delete(listener);
    };
  }
}
