/**
 * A copy of what a first ordering needs, the profile and the visitor's
 * settings, kept in the origin's localStorage beside the database; on a site
 * whose rules ask what the visitor did, a short history too, so their slots
 * need not wait for the database either.
 *
 * Why: a page's first IndexedDB open succeeds only once the browser's storage
 * is ready for the new document, 10 to 16 ms after the script starts in
 * Chromium however early it is asked, and the slots would wait for it.
 * localStorage answers in a fraction of a millisecond. So a returning
 * visitor's slots are ordered from the copy as the script starts; the
 * database stays the source of truth and replaces the copy once it opens. A
 * slot already shown keeps the order it was shown in (dom/watch.ts); later
 * rankings use what the database holds.
 *
 * The copy follows the database: written only while it is open (consent
 * given), after each change, when the page is hidden, and on close; removed
 * with it (an erase, consent withdrawn); used only where the database is the
 * page's own (cross-tab.ts). One whose database turns out to be gone (cleared
 * outside the SDK) has ordered the first slots when the open finds none: what
 * it gave is dropped then, with it.
 */
import type { GrantedBy, StoredSetting, VisitorSettingName } from './interaction-store';
import { databaseName } from './indexeddb';

/**
 * The copy as kept: who gave the consent the database rests on, the stored
 * profile (unchecked), the settings' records, and where the site's rules read
 * it, the visitor's history (unchecked; rules/visitor-facts.ts).
 */
export interface ProfileSnapshot {
  by: GrantedBy;
  vector: unknown;
  settings: Partial<Record<VisitorSettingName, StoredSetting>>;
  history?: unknown;
}

/**
 * A profile whose copy would be longer than this (in UTF-16 code units) is
 * not copied: writing it after every change would cost the page more than
 * ordering a few milliseconds sooner saves. Its slots wait for the database.
 */
const MAX_COPY_LENGTH = 200_000;

/**
 * The copy of one instance. Each tab writes from its own memory, which may lack
 * what the visitor did in another: a tab writes only while the copy is as it
 * last read or wrote it. Once another tab has written it, or removed it, this
 * one writes no more in its page view, so it never undoes a forget() or a
 * pause made there; at each of its changes it takes the history out of the
 * copy instead, as the writing tab's history lacks them. A visitor's own
 * change of what may be kept (forget(), a setting) removes the copy at once
 * (`remove`), before anything is written.
 */
export class ProfileCopy {
  /** The copy's text as this tab last read or wrote it, null for none; undefined until read. */
  _seen: string | null | undefined;
  /** Another tab changed the copy since: this tab writes no more in this page view. */
  _yielded = false;
  _timer: ReturnType<typeof setTimeout> | undefined;
  readonly _key: string;

  constructor(
    readonly _view: Window,
    namespace: string,
    /** The copy to write now, or undefined where the database is not open (nothing may be written then). */
    readonly _take: () => ProfileSnapshot | undefined,
  ) {
    this._key = `${databaseName(namespace)}:profile`;
  }

  /** The copy, if there is one of the right shape (its profile is the adopter's to check); a damaged one is removed. */
  read(): ProfileSnapshot | undefined {
    let text: string | null;
    try {
      text = this._seen = this._view.localStorage.getItem(this._key);
    } catch {
      // Storage blocked (a sandboxed frame, cookies off): the slots wait for the database.
      return undefined;
    }
    try {
      const copy = JSON.parse(text ?? 'null') as Partial<ProfileSnapshot> | null;
      const { by, settings } = copy ?? {};
      if ((by === 'visitor' || by === 'site') && typeof settings === 'object' && settings !== null) return copy as ProfileSnapshot;
    } catch {
      // Not JSON: damaged, as below.
    }
    if (text !== null) this.remove();
    return undefined;
  }

  /** Writes the copy after the current task, once for every change made in it. */
  soon(): void {
    this._timer ??= setTimeout(() => this.now(), 0);
  }

  /** Writes the copy at once (the page is being hidden or left); nothing where the database is not open. */
  now(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    const copy = this._yielded ? undefined : this._take();
    // Nothing to write where the database is not open; a tab that gave way writes none, but takes the history out.
    if (!copy && !this._yielded) return;
    try {
      if (!copy || this._view.localStorage.getItem(this._key) !== this._seen) {
        this._yielded = true;
        return this._dropHistory();
      }
      let text = JSON.stringify(copy);
      // The history goes first: without it only the pages whose rules read it wait for the database.
      if (text.length > MAX_COPY_LENGTH && copy.history) text = JSON.stringify({ ...copy, history: undefined });
      if (text.length > MAX_COPY_LENGTH) return this.remove();
      this._view.localStorage.setItem(this._key, text);
      this._seen = text;
    } catch {
      // Full or blocked: an older copy would order slots by what the database no longer holds.
      this.remove();
    }
  }

  /**
   * Takes the history out of the copy another tab writes: that tab's profile
   * learns what this one recorded from the database, but its history does not,
   * so it would carry a history that lacks this tab's latest interactions.
   */
  _dropHistory(): void {
    const text = this._view.localStorage.getItem(this._key);
    if (!text?.includes('"history":')) return;
    this._view.localStorage.setItem(this._key, JSON.stringify({ ...(JSON.parse(text) as ProfileSnapshot), history: undefined }));
  }

  /** Removes the copy: the visitor erased everything, or changed what may be kept; the slots of the next page view wait for the database. */
  remove(): void {
    this._seen = null;
    try {
      this._view.localStorage.removeItem(this._key);
    } catch {
      // Blocked: there was nothing to remove.
    }
  }
}
