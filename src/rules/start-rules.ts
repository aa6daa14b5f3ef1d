import type { Core } from '../core';
import { siteRules } from '../parts';
import { warn } from '../errors';

/** The site rules part of one instance, loaded the first time something needs it. */
export interface SiteRulesLoader {
  /** Loads the part (once) and starts it as soon as the profile is loaded; resolves when it is in use or given up on. */
  need(): Promise<void>;
  /** The load under way, if anything needed it yet. */
  readonly started: Promise<void> | undefined;
  /** The part is in use, or was given up on. */
  readonly settled: boolean;
  /** The profile and the visitor's settings are loaded: the part may read them. */
  profileLoaded(): void;
}

/**
 * Rules, audiences and stated text (rules/rules-support.ts) load on demand:
 * at once where the site's options declare rules or audiences, else when the
 * page's markup uses them (dom/personal-markup.ts) or `audiences()` is called.
 * A part that cannot load is reported once; items keep the order they would
 * have without rules, audience elements stay hidden, text keeps its fallback.
 */
export function startSiteRules(core: Core): SiteRulesLoader {
  let started: Promise<void> | undefined;
  let settled = false;
  let loaded!: () => void;
  const profile = new Promise<void>((resolve) => (loaded = resolve));
  const loader: SiteRulesLoader = {
    need: () =>
      (started ??= siteRules().then(
        (part) => profile.then(() => part.useSiteRules(core)),
        (error: unknown) => warn(__DEV__ ? 'rules and audiences could not be loaded; going on without them' : 'rules unavailable', error),
      ).finally(() => (settled = true))),
    get started() {
      return started;
    },
    get settled() {
      return settled;
    },
    profileLoaded: () => loaded(),
  };
  if (core.config.rules.length || core.config.audiences.length) void loader.need();
  core._needRules = () => loader.need().then(() => core._readHistory?.());
  return loader;
}
