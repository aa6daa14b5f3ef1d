/**
 * The panel's look: light and dark from the visitor's colour scheme, no motion
 * for visitors who ask for less. An audience's name sits above its reasons:
 * side by side, a long reason squeezed the name to a letter a line.
 */
const CSS = `
:host {
  display: block;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4a55; --line: #d0d0d8;
  --track: #e8e8ee; --bar: #2456c9; --focus: #1a4fd0; --danger: #b3261e;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg);
}
:host([hidden]) { display: none; }
@media (prefers-color-scheme: dark) {
  :host {
    --bg: #1c1c21; --fg: #f1f1f4; --muted: #b9b9c4; --line: #4a4a55;
    --track: #33333b; --bar: #8fb0ff; --focus: #9dbbff; --danger: #ff9c94;
  }
}
section { background: var(--bg); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
h2 { font-size: 1.05em; margin: 0 0 6px; }
p { margin: 0 0 8px; }
.muted { color: var(--muted); font-size: 0.92em; }
ul { list-style: none; margin: 10px 0; padding: 0; }
li { display: grid; grid-template-columns: minmax(0, 1fr) minmax(3em, 35%) auto; grid-template-areas: "label bar weight" "actions actions actions"; gap: 4px 8px; align-items: center; padding: 6px 0; border-top: 1px solid var(--line); }
li:first-child { border-top: 0; }
.label { grid-area: label; font-weight: 600; overflow-wrap: anywhere; }
.kind { font-weight: 400; color: var(--muted); }
details { margin: 4px 0 8px; }
summary { cursor: pointer; color: var(--muted); font-size: 0.92em; padding: 4px 0; }
summary:hover { color: var(--fg); }
summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
details ul { margin-top: 4px; }
.track { grid-area: bar; height: 10px; border-radius: 5px; background: var(--track); overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 5px; background: var(--bar); transition: width 0.25s ease; }
.avoided .fill { background: var(--muted); }
.weight { grid-area: weight; font-variant-numeric: tabular-nums; color: var(--muted); font-size: 0.92em; min-width: 3ch; text-align: end; }
.row-actions { grid-area: actions; display: flex; gap: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
button {
  font: inherit; font-size: 0.92em; color: var(--fg); background: transparent;
  border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px; cursor: pointer;
  transition: background-color 0.15s ease;
}
button:hover { background: var(--track); }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button.danger { color: var(--danger); border-color: currentColor; }
.dial { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--line); }
h3 { font-size: 1em; margin: 0 0 2px; }
input { display: block; width: 100%; margin: 10px 0 6px; accent-color: var(--bar); }
input:focus-visible { outline: 2px solid var(--focus); outline-offset: 3px; border-radius: 4px; }
input:disabled { opacity: 0.5; }
.ends { display: flex; justify-content: space-between; gap: 8px; }
.stated input { grid-area: bar; margin: 0; font: inherit; padding: 2px 6px; border: 1px solid var(--line); border-radius: 6px; background: transparent; color: var(--fg); }
.audiences li { grid-template-columns: minmax(0, 1fr); grid-template-areas: "label" "reasons"; gap: 2px; }
.audiences .muted { grid-area: reasons; }
h3 ~ ul, .stated, .audiences { margin-top: 6px; }
.confirm { margin-top: 12px; padding: 10px; border: 1px solid var(--danger); border-radius: 8px; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: reduce) {
  .fill, button { transition: none; }
}
`;

/** Constructed stylesheets are CSP-safe; where they are missing the panel still works, unstyled. */
export function panelStyles(): CSSStyleSheet[] {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return [];
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  return [sheet];
}
