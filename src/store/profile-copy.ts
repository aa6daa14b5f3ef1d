/**
 * A copy of what a first ordering needs, the profile and the visitor's
 * settings, kept in the origin's localStorage beside the database.
 *
 * Why: a page's first IndexedDB open succeeds only once the browser's storage
 * is ready for the new document, 10 to 12 ms after the script starts in
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
 * page's own (cross-tab.ts) and only while it may still be opened.
 */
import type { GrantedBy, StoredSetting, VisitorSettingName } from './interaction-store';
import { databaseName } from './indexeddb';

/** The copy as kept: who gave the consent the database rests on, the stored profile (unchecked) and the settings' records. */
export interface ProfileSnapshot {
  by: GrantedBy;
  vector: unknown;
  settings: Partial<Record<VisitorSettingName, StoredSetting>>;
}

/**
 * A profile whose copy would be longer than this (in UTF-16 code units) is
 * not copied: writing it after every change would cost the page more than
 * ordering a few milliseconds sooner saves. Its slots wait for the database.
 */
const MAX_COPY_LENGTH = 200_000;

export class ProfileCopy {
  _due = false;

  constructor(
    readonly _view: Window,
    readonly _namespace: string,
    /** The copy to write now, or undefined where the database is not open (nothing may be written then). */
    readonly _take: () => ProfileSnapshot | undefined,
  ) {}

  get _key(): string {
    return `${databaseName(this._namespace)}:profile`;
  }

  /** The copy, if there is one of the right shape; its profile is the adopter's to check. */
  read(): ProfileSnapshot | undefined {
    try {
      const copy = JSON.parse(this._view.localStorage.getItem(this._key) ?? 'null') as Partial<ProfileSnapshot> | null;
      const { by, settings } = copy ?? {};
      return (by === 'visitor' || by === 'site') && typeof settings === 'object' && settings !== null ? (copy as ProfileSnapshot) : undefined;
    } catch {
      // Storage blocked (a sandboxed frame, cookies off) or the copy damaged: the slots wait for the database.
      return undefined;
    }
  }

  /** Writes the copy after the current task, once for every change made in it. */
  soon(): void {
    if (this._due) return;
    this._due = true;
    setTimeout(() => this._due && this.now(), 0);
  }

  /** Writes the copy at once (the page is being hidden or left); nothing where the database is not open. */
  now(): void {
    this._due = false;
    const copy = this._take();
    if (!copy) return;
    const text = JSON.stringify(copy);
    if (text.length > MAX_COPY_LENGTH) return this.remove();
    try {
      this._view.localStorage.setItem(this._key, text);
    } catch {
      // Full or blocked: an older copy would order slots by what the database no longer holds.
      this.remove();
    }
  }

  remove(): void {
    this._due = false;
    try {
      this._view.localStorage.removeItem(this._key);
    } catch {
      // Blocked: there was nothing to remove.
    }
  }
}
