/**
 * Parts of the SDK that a page view rarely needs, loaded when first used. In
 * the npm module they are chunks the site's bundler splits off; in a page,
 * files beside the script tag (`attune-visitor-data.min.js`), which a dynamic
 * import in a classic script resolves against the script's own URL. A call
 * that needs a part waits for it; if it cannot load (an offline page), that
 * call fails and everything the script tag itself holds goes on working.
 */
export const visitorData = () => import('./privacy/visitor-data');
export const aggregateReport = () => import('./privacy/report');
export const modelSupport = () => import('./model/model-support');
export const siteRules = () => import('./rules/rules-support');
/** Slots drawn from a template: `recent` (recently viewed) and `for-you` (a candidate list the page embeds). */
export const strategies = () => import('./dom/strategies');
/** Containers of alternative versions of one message, one of which is shown. */
export const variants = () => import('./dom/variants');
