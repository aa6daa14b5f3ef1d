import type { Context } from '../types';

const SEARCH_HOSTS = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex|ecosia|qwant|startpage|kagi|brave)\.[a-z.]+$/;
const SOCIAL_HOSTS =
  /(^|\.)(facebook|fb|instagram|twitter|x|t|linkedin|lnkd|reddit|pinterest|tiktok|youtube|mastodon|bsky|threads)\.[a-z.]+$/;

/** Time buckets of a moment in the visitor's own time zone. */
export function timeContext(at: number): Context {
  const date = new Date(at);
  const hour = date.getHours();
  const daypart = hour < 5 ? 'night' : hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : hour < 22 ? 'evening' : 'night';
  const day = date.getDay();
  return { daypart, week: day === 0 || day === 6 ? 'weekend' : 'weekday' };
}

function referrerClass(referrer: string, ownHost: string): string {
  if (!referrer) return 'direct';
  let host: string;
  try {
    host = new URL(referrer).hostname;
  } catch {
    return 'other';
  }
  if (host === ownHost) return 'internal';
  if (SEARCH_HOSTS.test(host)) return 'search';
  if (SOCIAL_HOSTS.test(host)) return 'social';
  return 'other';
}

/**
 * Buckets that hold for the whole page view: device class, language and where
 * the visitor came from. Only the bucket is kept, never the referrer itself.
 */
export function pageContext(doc: Document | undefined, nav: Navigator | undefined): Context {
  const context: Context = {};
  const view = doc?.defaultView;
  if (view) {
    const width = view.innerWidth;
    const coarse = typeof view.matchMedia === 'function' && view.matchMedia('(pointer: coarse)').matches;
    context.device = width < 768 ? 'mobile' : coarse && width < 1200 ? 'tablet' : 'desktop';
  }
  const language = nav?.language;
  if (typeof language === 'string' && language) context.lang = language.split('-')[0]!.toLowerCase().slice(0, 8);
  if (doc) context.referrer = referrerClass(doc.referrer, doc.location?.hostname ?? '');
  return context;
}
