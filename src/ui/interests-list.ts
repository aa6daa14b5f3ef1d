import type { Attune, LearnedFeature } from '../types';
import { featureLabel } from '../words';
import { reorderAfter, type PanelButton } from './controls';
import { element, mutedParagraph, withHiddenText } from './elements';

/** Interests shown, strongest first: the long tail of weak features says little to a visitor. */
const MAX_INTERESTS = 10;

/** A bar as long as the weight is strong, next to the strongest shown; avoided interests are greyed by the row's class. */
function weightBar(weight: number, strongest: number): HTMLElement {
  const fill = element('span', { className: 'fill' });
  // CSSOM writes are allowed under a CSP that blocks inline style attributes.
  fill.style.width = `${Math.max(2, (Math.abs(weight) / strongest) * 100)}%`;
  const track = element('span', { className: 'track' }, fill);
  track.setAttribute('aria-hidden', 'true');
  return track;
}

/** One interest: its name, bar and weight, and "More", "Less" and "Remove", each of which orders the page's slots again. */
function interestRow({ feature, weight }: LearnedFeature, strongest: number, attune: Attune, button: PanelButton): HTMLLIElement {
  const label = featureLabel(feature);
  const rowButton = (word: string, key: string, action: () => unknown) =>
    button(withHiddenText(word, ` ${label}`), `${key} ${feature}`, reorderAfter(attune, action));
  return element(
    'li',
    { className: weight < 0 ? 'avoided' : '' },
    element('span', { className: 'label', textContent: label }),
    weightBar(weight, strongest),
    element('span', { className: 'weight' }, ...withHiddenText(weight.toFixed(1), weight < 0 ? ' (weight, avoided)' : ' (weight)')),
    element(
      'span',
      { className: 'row-actions' },
      rowButton('More', 'more', () => attune.prefer(feature, 1)),
      rowButton('Less', 'less', () => attune.prefer(feature, -1)),
      rowButton('Remove', 'remove', () => attune.forget(feature)),
    ),
  );
}

/** The visitor's interests, strongest first, liked and avoided alike. */
export function interestsList(attune: Attune, button: PanelButton): HTMLElement {
  const shown = attune
    .profile()
    .filter(({ weight }) => weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, MAX_INTERESTS);
  if (shown.length === 0) return mutedParagraph('Nothing learned yet.');
  const strongest = Math.abs(shown[0]!.weight);
  const list = element('ul', {}, ...shown.map((interest) => interestRow(interest, strongest, attune, button)));
  list.setAttribute('aria-label', 'Interests, strongest first');
  return list;
}
