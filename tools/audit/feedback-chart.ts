/**
 * The feedback loop's chart: how intra-list diversity and clicks move round
 * by round under each setting, one line per setting, as a self-contained SVG
 * that a README shows and a browser turns into a PNG.
 */
import { axisRange, chartHeading, COLOURS, escapeXml, niceTicks, percentTick, plainTick, px } from './chart';
import type { FeedbackReport, RoundMeasures } from './simulate';

const PANEL_WIDTH = 540;
const PANEL_HEIGHT = 380;
/** Room around a panel's plot area: ticks and the y title on the left, the x title below. */
const MARGIN = { left: 78, right: 20, top: 12, bottom: 56 };
const HEADER_HEIGHT = 74;
const LEGEND_ROW = 22;
const LEGEND_COLUMNS = 3;
/**
 * One colour and dash per line, in the settings' order: the Okabe–Ito palette,
 * which stays apart for the common colour-vision deficiencies, and dashes so
 * a grey print still tells the lines apart. The first, the site's own order,
 * is the reference: black and dashed.
 */
const LINES = [
  { colour: '#222222', dash: '7 4' },
  { colour: '#d55e00', dash: '' },
  { colour: '#cc79a7', dash: '2 3' },
  { colour: '#0072b2', dash: '' },
  { colour: '#009e73', dash: '' },
  { colour: '#e69f00', dash: '' },
  { colour: '#56b4e9', dash: '10 3 2 3' },
];

interface Panel {
  title: string;
  measure: keyof RoundMeasures;
  /** A tick's label, given the step between ticks so labels share their number of decimals. */
  format: (value: number, step: number) => string;
}

const PANELS: readonly Panel[] = [
  { title: 'intra-list diversity of the top 10 (1 − cosine)', measure: 'diversity', format: plainTick },
  { title: 'click-through rate (clicks per place shown)', measure: 'clickRate', format: percentTick },
];

function panelSvg(reports: readonly FeedbackReport[], panel: Panel, offsetX: number): string {
  const plot = { left: offsetX + MARGIN.left, top: HEADER_HEIGHT + MARGIN.top, right: offsetX + PANEL_WIDTH - MARGIN.right, bottom: HEADER_HEIGHT + PANEL_HEIGHT - MARGIN.bottom };
  const rounds = reports[0]!.rounds.length;
  const xTicks = niceTicks(1, rounds).filter((tick) => tick >= 1 && tick <= rounds);
  // Both measures are shares: the axis stays within 0..1.
  const ys = axisRange(reports.flatMap((report) => report.rounds.map((round) => round[panel.measure])), [0, 1]);
  const toX = (round: number) => plot.left + ((round - 1) / Math.max(1, rounds - 1)) * (plot.right - plot.left);
  const toY = (value: number) => plot.bottom - ((value - ys.min) / (ys.max - ys.min)) * (plot.bottom - plot.top);
  const parts: string[] = [];
  for (const tick of ys.ticks) {
    const y = toY(tick);
    parts.push(`<line x1="${px(plot.left)}" y1="${px(y)}" x2="${px(plot.right)}" y2="${px(y)}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${px(plot.left - 8)}" y="${px(y + 4)}" font-size="12" fill="${COLOURS.muted}" text-anchor="end">${escapeXml(panel.format(tick, ys.step))}</text>`);
  }
  for (const tick of [1, ...xTicks.filter((tick) => tick > 1)]) {
    const x = toX(tick);
    parts.push(`<line x1="${px(x)}" y1="${px(plot.top)}" x2="${px(x)}" y2="${px(plot.bottom)}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${px(x)}" y="${px(plot.bottom + 18)}" font-size="12" fill="${COLOURS.muted}" text-anchor="middle">${tick}</text>`);
  }
  parts.push(
    `<rect x="${px(plot.left)}" y="${px(plot.top)}" width="${px(plot.right - plot.left)}" height="${px(plot.bottom - plot.top)}" fill="none" stroke="${COLOURS.axis}"/>`,
  );
  const middleY = (plot.top + plot.bottom) / 2;
  parts.push(`<text x="${px((plot.left + plot.right) / 2)}" y="${px(plot.bottom + 42)}" font-size="14" fill="${COLOURS.text}" text-anchor="middle">round (one a day)</text>`);
  parts.push(
    `<text x="${px(offsetX + 20)}" y="${px(middleY)}" font-size="14" fill="${COLOURS.text}" text-anchor="middle" transform="rotate(-90 ${px(offsetX + 20)} ${px(middleY)})">${escapeXml(panel.title)}</text>`,
  );
  // The reference last, so its dashes stay visible over the lines it crosses.
  const order = reports.map((_, i) => i).slice(1).concat(0);
  for (const i of order) {
    const { colour, dash } = LINES[i % LINES.length]!;
    const points = reports[i]!.rounds.map((round) => `${px(toX(round.round))},${px(toY(round[panel.measure]))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linejoin="round"/>`);
  }
  return `<g>${parts.join('')}</g>`;
}

function legendSvg(reports: readonly FeedbackReport[], width: number, top: number): string {
  const column = width / LEGEND_COLUMNS;
  return reports
    .map(({ setting }, i) => {
      const { colour, dash } = LINES[i % LINES.length]!;
      const x = 24 + (i % LEGEND_COLUMNS) * column;
      const y = top + Math.floor(i / LEGEND_COLUMNS) * LEGEND_ROW;
      return (
        `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x + 32)}" y2="${px(y)}" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${px(x + 40)}" y="${px(y + 4.5)}" font-size="13" fill="${COLOURS.text}">${escapeXml(setting)}</text>`
      );
    })
    .join('');
}

/**
 * Renders the feedback loop as a self-contained SVG document: a panel of
 * intra-list diversity and one of click-through rate, each a line per
 * setting over the rounds, the first setting (the site's own order) dashed black.
 *
 * @param reports - one per setting, with the same rounds; the first is the reference.
 * @param subtitle - a line under the title: the population and how to read the chart.
 */
export function feedbackChart(reports: readonly FeedbackReport[], subtitle: string): string {
  if (!reports.length || reports.some((report) => report.rounds.length !== reports[0]!.rounds.length || !report.rounds.length)) {
    throw new TypeError('feedbackChart: give one or more reports with the same, non-zero number of rounds');
  }
  const title = 'The feedback loop: what visitors are shown, round by round';
  const width = PANEL_WIDTH * PANELS.length;
  const legendTop = HEADER_HEIGHT + PANEL_HEIGHT + 8;
  const height = legendTop + Math.ceil(reports.length / LEGEND_COLUMNS) * LEGEND_ROW + 8;
  return [
    ...chartHeading(width, height, title, subtitle),
    ...PANELS.map((panel, index) => panelSvg(reports, panel, index * PANEL_WIDTH)),
    legendSvg(reports, width, legendTop),
    '</svg>',
    '',
  ].join('\n');
}
