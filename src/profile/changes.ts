import { fail, warn } from '../errors';

/**
 * `subscribe()`: tells the site's listeners that a ranking may come out
 * differently now (an interaction learned, an interest stated or forgotten,
 * a pause, the dial, an erase, the model or another tab's history adopted),
 * so a list the site renders itself (the React and Vue bindings' `useRanked`)
 * can be ranked again. Every change in one task, a burst of impressions or a
 * whole import, is told once, in a microtask, so a listener that renders does
 * so once and never inside the call that changed the profile.
 */
export class Changes {
  _listeners = new Set<() => void>();
  _due = false;

  /** Called wherever the profile or the visitor's settings change; cheap when nobody listens. */
  notify = (): void => {
    if (this._due || this._listeners.size === 0) return;
    this._due = true;
    queueMicrotask(() => {
      this._due = false;
      for (const listener of [...this._listeners]) {
        try {
          listener();
        } catch (error) {
          // The site's listener is the site's code: its failure is reported, the others still run.
          warn('a subscribe() listener threw', error);
        }
      }
    });
  };

  subscribe(listener: () => void): () => void {
    if (typeof listener !== 'function') fail('subscribe()', __DEV__ ? 'listener must be a function' : 'listener', listener);
    this._listeners.add(listener);
    return () => {
      this._listeners.delete(listener);
    };
  }
}
