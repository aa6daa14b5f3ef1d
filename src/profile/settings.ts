import type { HoldoutGroup } from '../types';
import type { InteractionStore, StoredSetting, VisitorSettingName } from '../store/interaction-store';
import type { StatedValue } from '../types';
import { timeOf } from '../store/stored-records';
import { readStated } from './stated';

/** How one kind of visitor setting is stored and read back. */
interface SettingKind<T> {
  /** The stored record of a value, or undefined to clear it. */
  record(value: T, at: number): StoredSetting | undefined;
  /** The value of a stored record; a record that fails the check is as if never set. */
  read(record: StoredSetting | undefined): T | undefined;
  /**
   * Drawn for the visitor rather than set by them: drawn once, so a stored
   * value wins over one drawn on this page view before storage opened.
   */
  drawn?: true;
  /** Where a value is a collection: what was stored, with what this page view set over it. */
  merge?(stored: T, now: T): T;
}

/**
 * The visitor's settings: `paused` (true, or unset), the surprise dial's
 * `level` from 0 to 1, the holdout `group` with when it was drawn, and what
 * they stated with `set()` (stated.ts).
 */
export interface SettingValues {
  paused?: true;
  surprise?: number;
  holdout?: { group: HoldoutGroup; at: number };
  stated?: Record<string, StatedValue>;
}

/**
 * Every setting a visitor makes, and how it is stored and read back. Keeping
 * settings across page views and adopting stored ones loop over this table,
 * so a new setting is one entry here (and, if the export should show it, one
 * field in `exportVisitor`).
 */
const KINDS: { [name in VisitorSettingName]: SettingKind<NonNullable<SettingValues[name]>> } = {
  paused: { record: (_, at) => ({ at }), read: (record) => (timeOf(record) === undefined ? undefined : true) },
  surprise: {
    record: (level, at) => ({ at, level }),
    // A stored level is checked like one given.
    read: (record) => {
      const level = record?.level;
      return typeof level === 'number' && level >= 0 && level <= 1 ? level : undefined;
    },
  },
  holdout: {
    record: ({ group, at }) => ({ at, group }),
    // A damaged record is as if never drawn: the visitor is drawn again.
    read: (record) => {
      const at = timeOf(record);
      const group = record?.group;
      return at !== undefined && (group === 'holdout' || group === 'personal') ? { group, at } : undefined;
    },
    drawn: true,
  },
  stated: {
    record: (values, at) => ({ at, values }),
    read: (record) => readStated(record?.values),
    // Set on this page view before storage opened: those names are the visitor's latest word, the rest stay.
    merge: (stored, now) => ({ ...stored, ...now }),
  },
};

const NAMES = Object.keys(KINDS) as VisitorSettingName[];

/** The visitor's settings for this page view, kept in the store in use. */
export class VisitorSettings {
  values: SettingValues = {};
  /** Settings taken from the copy of the profile (store/profile-copy.ts): in use until the stored ones are adopted. */
  _copied = new Set<VisitorSettingName>();
  /** Told each time a setting changes (a pause, the dial): `subscribe()`'s notifier. */
  onChange: () => void = () => {};
  /** Told first when the visitor (or a draw for them) sets one: the profile's copy goes at once. */
  onSet: () => void = () => {};

  /** Sets (or with undefined, clears) a setting and keeps it in `store`. */
  async set<N extends VisitorSettingName>(name: N, value: SettingValues[N], store: InteractionStore, at: number): Promise<void> {
    this._copied.delete(name);
    this.onSet();
    if (value === undefined) delete this.values[name];
    else this.values[name] = value;
    this.onChange();
    const kind = KINDS[name] as SettingKind<SettingValues[N]>;
    await store.keep(name, value === undefined ? undefined : kind.record(value, at));
  }

  /**
   * Adopts the settings stored on earlier page views. What the visitor set on
   * this one before storage opened is theirs to keep, over what was stored,
   * and is written to `store`; what was drawn for them (the holdout group)
   * was drawn once, so the stored draw wins.
   */
  async adopt(stored: Partial<Record<VisitorSettingName, StoredSetting>>, store: InteractionStore, at: number): Promise<void> {
    const values = this.values as Record<string, unknown>;
    for (const name of NAMES) {
      const kind = KINDS[name] as SettingKind<unknown>;
      const before = kind.read(stored[name]);
      // What the profile's copy gave was stored before: the database's own replaces it, and it stays in use until then.
      let now: unknown = this._copied.has(name) ? undefined : values[name];
      if (now !== undefined && before !== undefined && kind.merge) now = values[name] = kind.merge(before, now);
      if (now !== undefined && now !== before && !(kind.drawn && before !== undefined)) await store.keep(name, kind.record(now, at));
      else if (before !== undefined) values[name] = before;
      else if (this._copied.has(name)) delete values[name];
      this._copied.delete(name);
    }
    this.onChange();
  }

  /** Uses the settings of the profile's copy until the stored ones are adopted: they are the visitor's, as last stored. */
  useCopied(records: Partial<Record<VisitorSettingName, StoredSetting>>): void {
    for (const name of NAMES) {
      const value = (KINDS[name] as SettingKind<unknown>).read(records[name]);
      if (value === undefined) continue;
      (this.values as Record<string, unknown>)[name] = value;
      this._copied.add(name);
    }
    this.onChange();
  }

  /** Forgets what the copy gave: what the database holds replaces it, or nothing does. */
  dropCopied(): void {
    for (const name of this._copied) delete this.values[name];
    this._copied.clear();
  }

  /** Every setting as its stored record, for the profile's copy. */
  records(at: number): Partial<Record<VisitorSettingName, StoredSetting>> {
    const records: Partial<Record<VisitorSettingName, StoredSetting>> = {};
    for (const name of NAMES) {
      const value = this.values[name];
      if (value !== undefined) records[name] = (KINDS[name] as SettingKind<unknown>).record(value, at);
    }
    return records;
  }

  /**
   * Forgets every setting but a pause, which holds for the rest of the page
   * view: deleting what was learned is no reason to start learning again. The
   * holdout group goes too: the next ranking draws the visitor anew.
   */
  clear(): void {
    this._copied.clear();
    this.values = this.values.paused ? { paused: true } : {};
    this.onChange();
  }
}
