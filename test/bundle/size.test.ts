import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

/**
 * Gzip (level 9) budget of each file a page downloads, in bytes, so growth is
 * a decision rather than an accident. The script tag carries the critical
 * path (learn, store, order slots before paint); each part it loads on demand
 * has a budget of its own. Each pin is the size a change was accepted at. The
 * script tag's goal is 10 KB (BENCHMARKS.md, Bundle size, says how far it is).
 */
const SCRIPT_BUDGETS: Record<string, number> = {
  // Raised from 16,650 by about 950 bytes for ranking that holds on any page: the evidence per feature
  // prefix, the site's share of the view, items turned down out of view, and reasons that follow the move;
  // then storage as a state machine and focus kept when a limit hides the item holding it;
  // and by 50 for the options a site sets itself, which a tuned model's settings never override;
  // then by 500 for noticing the containers drawn by the parts below (keeping them hidden until drawn, and
  // only one variant taking space before the choice) and for the title, address and image an item page
  // declares with its view, checked as an argument of track(); then by 450 for slots that never move under
  // the visitor: apply() holds a slot in use until the pointer and keyboard focus leave it, then slides its
  // items to their places, and reasons name each value's kind.
  // And by 200 for subscribe(), which tells a site's own lists (the React and Vue bindings) of changes.
  // And by 400 for the holdout: its option, the draw on first ranking, the group kept as a visitor setting.
  // And by 350 for item vectors: read from the markup and rank() candidates, kept with the interaction
  // and the profile's item weights, and checked when read back from storage.
  // And by 800 for stated attributes, rules and audiences: noticing their markup and options and
  // loading their part, get() and the stated values kept as a visitor setting.
  // And by 400 for ranking long lists at speed (a radix sort by score, a list ranked again read once,
  // seen items looked up among the candidates) and for never reordering a slot an async tag finds shown.
  // And by 50 for variant(), which hands its call to the variants part.
  // And by 100 for a faster start: storage opened before the page work, the profile and the events it lacks
  // read in one round trip, and writes held until the slots are ordered.
  // And by 150 for ranking near the limit: the features part's groups and each feature's prefix found once
  // per list, and a radix sort that moves its keys with the indexes.
  // And by 50 for the rules a site's model carries: the rules part loads when model support asks for it.
  // And by 50 for a seen item that gives back what its own choice taught the profile.
  // And by 300 for a sort by score that orders by the high 32 bits and then only the runs that share them
  // (half the passes on long lists), the visitor's places that single-minded reads call, and Less holding
  // against the model's parts.
  // And by 100 for interests named only where they move an item.
  // And by 550 for the profile's copy in localStorage, read synchronously as the script starts, from which a
  // returning visitor's slots are ordered without waiting for IndexedDB to open (10 to 16 ms of a page's start),
  // and by 150 for the copy's guards (a tab that missed another's forget or pause writes it no more; rules the
  // page declares late are waited for) and for frozen features arrays, which a list ranked again does not compare.
  // And by 100 for a new array of the same candidates found among the last lists read, and the blend and the
  // site's share reading typed arrays by index.
  // And by 200 for the leading prefix (the prefix candidates name first, found once per list, whose evidence
  // counts before the others' while the profile is thin), the site's picks of other kinds than the visitor
  // chose, and the sort's scratch arrays kept from one ranking to the next.
  // And by 100 for the blend in one pass per part and the ranking's arrays sized from the start (about 7 % of
  // the CPU time of ranking 10,000 items with a model).
  // And by 150 for the history the profile's copy carries where the site's rules read it, so a returning visitor's
  // slots on a rules page need not wait for IndexedDB either: the rules part started on the copy, the history
  // taken out of the copy by a tab that no longer writes it, stated text filled again once the database answers.
  'dist/attune.min.js': 23_050,
  // Loaded on demand beside the script tag: export, import, forget and explain, with the reading and
  // rewriting of the whole stored history, which the script tag no longer carries; raised by 100 for
  // checking the page an imported view names, and by 50 for the site's consent in the export, which the
  // panel reads to say what follows an erase, and by 200 for the holdout's group in export, import and explain; and by 50 for the vector an imported interaction carries.
  // Raised by 400 for set(): its checks, and the stated values in export() and import().
  'dist/attune-visitor-data.min.js': 3_900,
  // Loaded where the site gives a model file: its reader, the fold-in, the model's score parts and the
  // settings tuned into it (raised by 300 for those); raised by 550 for the next part and the checks of the
  // model file's next-item section (version 3), which refuse a damaged one with a message naming what is wrong.
  // And by 750 for item rows from the vectors items carry (their text form's reader, one source of rows for
  // the fold-in and the score parts) and a global part inlined as a data: URL.
  // And by 100 for the rows of a list of candidates found once per list (while they carry the same vectors),
  // and the visitor's chosen items looked up among the candidates.
  // And by 300 for scoring a long list near the limit of the hardware: each model part in a loop of its own
  // (no function called per candidate), the list's factors and popularity prior gathered once per list.
  // And by 500 for version 4 of the file: the Gramian read back from its diagonal's roots and 8-bit correlations,
  // the mined rules' checks (a damaged file refused with a message naming the fault), and the rules part
  // loaded where the model carries rules.
  // And by 300 for successors carried in an item's vector text (version 2: read by id, UTF-8 checked, each
  // fault named), so the next part scores from them where a global part has no table.
  // And by 150 for the scoring kernel's four sums and the content entries gathered once per list.
  // And by 50 for solving the fold-in once per change of the profile rather than once per ranking.
  'dist/attune-model-support.min.js': 6_700,
  // Loaded when storage opens on a site that turned on the aggregate report; it reads and writes its own record,
  // and its warning is one line, its stack shown with `debug`. Raised by 780 for the holdout: the group,
  // the outcomes read from the stored history, and their randomized response.
  'dist/attune-report.min.js': 1_750,
  // Loaded where a page declares rules or audiences or marks up stated text, audiences or a rules block:
  // their checks and conditions, the rules of a ranking, audience membership, the visitor's history they read.
  // Raised by 200 for the rules a model mined from the site's logs: made into rules, worded, and giving way
  // to the site's own on an item both name.
  // Raised by 300 for the history kept in the profile's copy and read back from it (each interaction checked as
  // a stored one is), the database's history taken over from it, and a feature forgotten in the history the rules hold.
  'dist/attune-rules-support.min.js': 7_150,
  // Loaded where a slot has data-attune-strategy="recent" or "for-you": reading the visitor's recent views
  // newest first, the embedded candidates, and drawing items from the slot's template with checked values.
  'dist/attune-strategies.min.js': 2_200,
  // Loaded where a page has data-attune-variants: the choice in its steps (audience, profile, Thompson
  // sampling) and counting the visitor's impressions and clicks of the variant shown.
  // Raised by 750 for variant() from the site's code: its checks, with the TypeError they throw (this file's
  // first), the choice kept per name rather than per container, watch(), and the site's rules as step 2.
  'dist/attune-variants.min.js': 3_100,
  // The visitor panel, loaded on demand next to the core script tag; raised from 4,350 by 750 for the
  // interests that matter up front and the rest under "and N more", each value's kind, and a sentence for
  // every storage state, what follows an erase on a site that asserts consent included.
  // Raised by 150 for the line that tells a visitor in the holdout so.
  // Raised by 400 for "What you told us" and the audiences the visitor is in.
  'dist/attune-panel.min.js': 5_650,
};

/**
 * The npm module ships readable, with comments; a site's bundler minifies it.
 * Its budget is what a bundler's minifier makes of it.
 */
const NPM_BUDGETS: Record<string, number> = {
  // Raised from 19,800 with the script tag, for the same ranking; and by 300 for a tuned model's
  // settings (the module reads model files in its core chunk) and the options a site sets itself.
  // Raised by 800 with the script tag for the containers drawn by parts and the pages views declare: here
  // with their messages whole, and the names the parts' chunks import from it; and by 600 with the script
  // tag's slots that never move under the visitor, and reorder() for sites that rank().
  // And by 200 for subscribe(); and by 300 for the model file's next-item section, which that chunk reads
  // and checks; and by 500 for the holdout, with the script tag and its option's rule in words.
  // And by 500 for item vectors, as the script tag and model support.
  // Then by 1,350 for stated attributes, rules and audiences: the module's core chunk holds what its parts
  // share with it, the condition words among them, and its messages' explanations.
  // And by 500 with the script tag and model support, for ranking long lists at speed.
  // And by 50 with the script tag for variant(), and by 50 for a stated attribute's name read alike in
  // rules' sentences and the panel ("first name", words.ts's attributeName()).
  // And by 100 with the script tag, for a faster start (storage opened first, one read, writes held until slots are ordered).
  // And by 100 with the script tag, for ranking near the limit (groups and prefixes found once per list,
  // the radix sort).
  // And by 450 with model support and the rules part, for version 4 of the model file and the rules mined from logs.
  // And by 100 with the script tag, for a seen item that gives back what its own choice taught the profile.
  // And by 300 with the script tag, for the two-step sort, the visitor's places and Less against the model.
  // And by 100 with the script tag, for interests named only where they move an item.
  // And by 550 with the script tag, for the profile's copy that orders a returning visitor's slots first, and by
  // 150 for its guards and for frozen features arrays; and by 100 for the last lists read kept for new arrays of
  // the same candidates.
  // And by 250 with the script tag, for the leading prefix, the site's picks of other kinds and the sort's scratch,
  // and by 100 for the blend in one pass and the ranking's arrays sized from the start.
  // And by 100 with the script tag, for the history the profile's copy carries where the site's rules read it.
  'dist/attune.mjs': 28_050,
  // attune/react and attune/vue: the provider or plugin, useRanked, the slot component, Why this?;
  // React and Vue themselves are the site's, and the core is imported from attune.mjs.
  // Each raised by 50 for useVariant().
  'dist/react.mjs': 1_650,
  'dist/vue.mjs': 1_800,
};

/** Every internal name in the source (`_features`, `_db`): the minifier must have shortened each of them in the script tags. */
const INTERNAL_NAMES = new Set(
  readdirSync(new URL('../../src/', import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => read(`src/${file}`).match(/\b_[a-zA-Z]\w+/g) ?? []),
);

describe('bundle size', () => {
  it.each(Object.entries(SCRIPT_BUDGETS))('%s stays within %i bytes gzipped', (file, budget) => {
    expect(gzipped(read(file))).toBeLessThanOrEqual(budget);
  });

  // Three passes of terser take seconds, more on a machine busy with other tests.
  it.each(Object.entries(NPM_BUDGETS))('%s, minified by a bundler, stays within %i bytes gzipped', { timeout: 30_000 }, async (file, budget) => {
    const { code } = await minify(read(file), { module: true, compress: { passes: 3 }, format: { comments: false } });
    expect(gzipped(code!)).toBeLessThanOrEqual(budget);
  });

  it.each(Object.keys(SCRIPT_BUDGETS))('keeps every internal name out of %s', (file) => {
    const code = read(file);
    // Shortened names may start with "_" too (`_t`); what must not appear is a name the source uses.
    expect((code.match(/\.\_[a-zA-Z]\w*/g) ?? []).filter((name) => INTERNAL_NAMES.has(name.slice(1)))).toEqual([]);
    expect(code).not.toMatch(/__DEV__|process\.env/);
  });

  it.each(Object.keys(SCRIPT_BUDGETS))('holds only ASCII characters in %s, so a page served without a charset shows them right', (file) => {
    expect(read(file).match(/[^\x00-\x7f]/g) ?? []).toEqual([]);
  });
});
