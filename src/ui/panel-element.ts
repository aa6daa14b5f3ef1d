/**
 * The element behind `<attune-panel>`: it holds the visitor's instance and
 * what the panel shows of it, renders the sections into its shadow root, runs
 * one button's action at a time, and keeps focus where the visitor left it.
 */
import type { Attune, AttuneExport, AudienceMembership, ConsentState } from '../types';
import type { QueuedCall } from '../script-config';
import type { AttunePanelElement } from './panel';
import { controlByKey, warnFailed, type PanelButton } from './controls';
import { element, mutedParagraph } from './elements';
import { interestsList, type MoreInterests } from './interests-list';
import { deletionConfirmation, panelActions, type ConfirmDeletion } from './panel-actions';
import { panelStatus } from './panel-status';
import { panelStyles } from './panel-styles';
import { surpriseDial } from './surprise-dial';
import { audiencesList, statedList } from './stated-list';

/**
 * What the panel extends: HTMLElement in a browser. Where there is none (Node,
 * server rendering) a stand-in, so that this module still imports there;
 * `definePanel()` then finds no custom elements and registers nothing.
 */
const ElementBase: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/** The panel's landmark: a region named by its heading, "Your interests". */
function panelRegion(...content: HTMLElement[]): HTMLElement {
  const heading = element('h2', { id: 'attune-panel-heading', textContent: 'Your interests' });
  const region = element('section', {}, heading, ...content);
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', heading.id);
  return region;
}

/** Registered by `definePanel()`; the package exports only the element's interface. */
export class AttunePanel extends ElementBase implements AttunePanelElement {
  _attune: Attune | undefined;
  _root: ShadowRoot | undefined;
  _settings: AttuneExport['settings'] | undefined;
  _reporting: AttuneExport['reporting'];
  /** What the site's own consent counts for, which decides what the panel says follows an erase. */
  _site: ConsentState | undefined;
  _holdout: AttuneExport['holdout'];
  /** The site's audiences the visitor is in, as last asked. */
  _audiences: AudienceMembership[] | undefined;
  _confirming = false;
  /** Whether the visitor opened "and N more": kept as the panel renders again after each click. */
  _moreInterests: MoreInterests = { open: false };
  _busy = false;
  /** After the visitor clicks something on the page (a story), show what it taught. */
  _onPageClick = (event: Event): void => {
    if (event.composedPath().includes(this)) return;
    setTimeout(() => this._render(), 0);
  };
  /** Storage opened, failed, was erased or taken over: the panel says where things are kept now. */
  _onStatus = (): void => this._render();
  // An arrow, as `_button` is: the sections are handed it without the panel it belongs to.
  _confirmDeletion: ConfirmDeletion = (asking) => {
    this._confirming = asking;
  };

  get attune(): Attune | undefined {
    return this._attune;
  }

  set attune(attune: Attune | undefined) {
    this._attune = attune;
    this._settings = undefined;
    this._audiences = undefined;
    this._render();
    this._askAudiences();
    this._readExport();
  }

  /**
   * The kept-for durations are the site's settings, which only the export
   * carries, as it carries the report's terms and the visitor's holdout group;
   * read again after an erase, after which the visitor is drawn anew.
   */
  _readExport(): void {
    const attune = this._attune;
    attune?.export().then(
      (exported) => {
        if (this._attune !== attune) return;
        this._settings = exported.settings;
        this._reporting = exported.reporting;
        this._site = exported.consent.site;
        this._holdout = exported.holdout;
        this._render();
      },
      () => {},
    );
  }

  connectedCallback(): void {
    if (!this._root) {
      this._root = this.attachShadow({ mode: 'open' });
      this._root.adoptedStyleSheets = panelStyles();
    }
    document.addEventListener('click', this._onPageClick, true);
    document.addEventListener('attune:status', this._onStatus);
    this._render();
    if (!this._attune && typeof window !== 'undefined') {
      // Connected after the script tag handed out its instance: ask the queue, which runs at once once Attune is ready.
      const ask: QueuedCall = (attune) => {
        if (!this._attune) this.attune = attune;
      };
      (window.attune_queue ||= []).push(ask);
    }
  }

  disconnectedCallback(): void {
    document.removeEventListener('click', this._onPageClick, true);
    document.removeEventListener('attune:status', this._onStatus);
  }

  _render(): void {
    const root = this._root;
    if (!root) return;
    const focused = root.activeElement instanceof HTMLElement ? root.activeElement.dataset.key : undefined;
    const attune = this._attune;
    if (!attune) {
      root.replaceChildren(panelRegion(mutedParagraph('Loading what this site has learned…')));
      return;
    }
    root.replaceChildren(
      panelRegion(
        ...panelStatus(attune, this._settings, this._reporting, this._site, this._holdout),
        interestsList(attune, this._button, this._moreInterests),
        ...statedList(attune, this._button),
        ...audiencesList(this._audiences),
        surpriseDial(attune),
        this._confirming ? deletionConfirmation(attune, this._button, this._confirmDeletion) : panelActions(attune, this._button, root, this._confirmDeletion),
      ),
    );
    // Re-rendering replaces every node: put focus back on the same control if it still exists.
    if (focused) controlByKey(root, focused)?.focus();
  }

  /** Asks which audiences the visitor is in (what they do may change it), and shows them once known. */
  _askAudiences(): void {
    const attune = this._attune;
    attune?.audiences().then(
      (audiences) => {
        if (this._attune !== attune) return;
        this._audiences = audiences;
        this._render();
      },
      () => {},
    );
  }

  /** The sections' buttons: one action at a time across the panel, then a render that keeps focus in place. */
  _button: PanelButton = (content, key, action, className = '') => {
    const button = element('button', { className }, ...content);
    button.type = 'button';
    button.dataset.key = key;
    button.addEventListener('click', () => {
      if (this._busy) return;
      this._busy = true;
      Promise.resolve()
        .then(action)
        .catch(warnFailed)
        .finally(() => {
          this._busy = false;
          this._render();
          if (key === 'confirm-erase') this._readExport();
          this._askAudiences();
          // A button that went away (the confirmation closing) hands focus to the one that opened it.
          const root = this._root;
          if (root && !root.activeElement && key === 'confirm-erase') controlByKey(root, 'erase')?.focus();
        });
    });
    return button;
  };
}
