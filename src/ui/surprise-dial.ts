import type { Attune } from '../types';
import { orderPageAgain, warnFailed } from './controls';
import { element } from './elements';

/** The dial's stops, from 0 to 1 in even steps, in the words its aria-valuetext gives each. */
const SURPRISE_STOPS = ['More of what I like', 'Mostly what I like', 'Some of each', 'More surprises', 'Surprise me'];
const STEP = 1 / (SURPRISE_STOPS.length - 1);

/**
 * "What you see": the visitor's dial from "more of what I like" to
 * "surprise me". Turning it reorders the page's slots at once; while
 * personalization is paused the site's order shows whatever it says, so
 * it is disabled.
 */
export function surpriseDial(attune: Attune): HTMLElement {
  // Tick marks at the stops, so the few places the dial has are seen before it is moved.
  const ticks = element('datalist', { id: 'attune-dial-stops' }, ...SURPRISE_STOPS.map((_, stop) => new Option('', String(stop * STEP))));
  const slider = element('input', { id: 'attune-dial' });
  slider.type = 'range';
  slider.max = '1';
  slider.step = String(STEP);
  slider.setAttribute('list', ticks.id);
  slider.value = String(attune.surprise);
  slider.disabled = attune.paused;
  slider.dataset.key = 'surprise';
  slider.setAttribute('aria-describedby', 'attune-dial-help');
  // The numbers mean nothing to a visitor: a screen reader says where the dial stands in words.
  const describe = () => slider.setAttribute('aria-valuetext', SURPRISE_STOPS[Math.round(Number(slider.value) / STEP)]!);
  describe();
  slider.addEventListener('input', describe);
  // Not rendered again: the slider already shows the new place, and replacing it would make a screen reader announce it anew.
  slider.addEventListener('change', () => {
    attune
      .setSurprise(Number(slider.value))
      // The slots follow even if keeping the setting failed: it still holds for this page view.
      .finally(() => orderPageAgain(attune))
      .catch(warnFailed);
  });
  const title = element('label', { textContent: 'What you see' });
  title.htmlFor = slider.id;
  return element(
    'div',
    { className: 'dial' },
    element('h3', {}, title),
    element('p', { className: 'muted', id: 'attune-dial-help', textContent: 'Toward “Surprise me”, the site mixes in things unlike what you usually pick, and some you have not tried yet.' }),
    slider,
    ticks,
    element('div', { className: 'ends muted' }, element('span', { textContent: SURPRISE_STOPS[0] }), element('span', { textContent: SURPRISE_STOPS[SURPRISE_STOPS.length - 1] })),
  );
}
