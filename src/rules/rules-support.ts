/**
 * The site's rules, audiences and the visitor's stated text in the page,
 * loaded on demand (rules/start-rules.ts): only a page that declares rules or
 * audiences, marks up `data-attune-text`, `data-attune-audience` or a
 * `data-attune-rules` block, or whose model carries rules mined from the
 * site's logs (model/model-support.ts), loads this file.
 */
import type { Core } from '../core';
import { Declarations } from './check-rules';
import { VisitorHistory } from './visitor-facts';
import { Audiences } from './audiences';
import { applyRules, holdingRules } from './apply-rules';
import { readsHistory } from './conditions';
import { minedRules } from './mined-rules';
import { RULES, STYLE } from '../dom/personal-markup';
import { addStyle } from '../dom/watch';
import { fillStatedText } from '../dom/stated-text';
import { decideAudienceElements } from '../dom/audience-elements';
import { findMarked } from '../markup';
import { statedText } from '../profile/stated';
import { printStacks } from '../errors';

/**
 * Reads the site's declarations (options, then the page's JSON blocks), the
 * visitor's history, and decides the page's audiences once for the page
 * view; then gives the core the rules of each ranking, audience membership,
 * and the filling of stated text and audience elements as they arrive.
 */
export async function useSiteRules(core: Core): Promise<void> {
  const { config } = core;
  // Beside the script tag this is a file of its own, with its own warn(): tell it too.
  if (config.debug) printStacks();
  const declarations = new Declarations();
  declarations.add(config.rules, config.audiences);
  const readBlocks = (roots: readonly ParentNode[]) => roots.forEach((root) => findMarked(root, RULES).forEach((block) => declarations.addBlock(block)));
  if (config.document) readBlocks([config.document]);
  const history = new VisitorHistory();
  // The history is read only where a condition asks what the visitor did, or how often they came: slots wait for it.
  let historyRead = false;
  const readHistoryIfNeeded = () => {
    const declared = [...declarations.rules, ...declarations.audiences];
    // Mined rules are all on what the visitor did.
    if (historyRead || !(minedRules(core.learner.model).length || declared.some(({ when }) => readsHistory(when)))) return undefined;
    historyRead = true;
    const loading = history.load(core);
    core._historyRead = history.fromDatabase;
    return loading;
  };
  await readHistoryIfNeeded();
  // A model that arrives after this part started may carry rules on what the visitor did: model support asks again.
  core._readHistory = readHistoryIfNeeded;
  const audiences = new Audiences(declarations.audiences);
  const factsNow = (context?: Parameters<VisitorHistory['facts']>[1]) => audiences.bind(history.facts(core, context));

  // Audiences hold for the whole page view as first decided: an element shown stays, a variant chosen stays.
  const pageMembers = new Set(audiences.membership(factsNow()).map(({ id }) => id));
  core.inAudience = (id) => pageMembers.has(id);
  core._audienceList = () => audiences.membership(factsNow());
  core._siteRules = (candidates, context) => {
    const facts = factsNow(context);
    return applyRules(candidates, holdingRules(declarations.rules, facts), holdingRules(minedRules(core.learner.model), facts));
  };
  const decide = (roots: readonly ParentNode[]) => {
    readBlocks(roots);
    // A block added later may ask for the history: it applies to the rankings after it is read.
    void readHistoryIfNeeded();
    fillStatedText(roots, statedText(core.settings.values.stated));
    decideAudienceElements(roots, (id) => audiences.has(id), core.inAudience!);
  };
  core._statedChanged = () => config.document && fillStatedText([config.document], statedText(core.settings.values.stated), true);
  core._erased = () => {
    history.clear();
    core._statedChanged!();
  };
  core._forgot = (feature) => history.forget(feature);
  // The copy carries the history only where a condition asks what the visitor did: only then was it read.
  core._historyForCopy = () => (historyRead ? history.forCopy() : undefined);
  core._personalMarkup = decide;
  const doc = config.document;
  // Where the page is not watched (the npm module without autoApply), apply() decides it: the rule that hides what is not shown comes with it.
  if (doc && !config.autoApply) addStyle(doc, STYLE);
  if (doc && config.autoApply) decide([doc]);
}
