/**
 * The holdout's planning chart: how many visitors a site needs to detect a
 * lift, against the report's ε, one line per holdout, on log scales, as a
 * self-contained SVG that a README shows and a browser turns into a PNG.
 */
import { chartHeading, COLOURS, escapeXml, px } from '../audit/chart';

/** One line of the chart: a holdout's visitors needed at each ε, and whether it is the reference drawn dashed. */
export interface LiftPowerLine {
  label: string;
  points: readonly { epsilon: number; visitors: number }[];
  reference?: boolean;
}

/** A point checked by simulation: where it sits, and what the simulation found there. */
export interface LiftPowerCheck {
  epsilon: number;
  visitors: number;
  label: string;
}

const WIDTH = 760;
const HEIGHT = 560;
const PLOT = { left: 96, right: WIDTH - 24, top: 84, bottom: HEIGHT - 130 };
/** Okabe–Ito colours, which stay apart for the common colour-vision deficiencies; the reference is black. */
const LINE_COLOURS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00'];

/** Whole powers of ten from below `low` to above `high`. */
function decades(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(low)); power <= Math.ceil(Math.log10(high)); power++) ticks.push(10 ** power);
  return ticks;
}

/** `1000000` → `1M`, `30000` → `30k`. */
const short = (value: number) => (value >= 1e9 ? `${value / 1e9}G` : value >= 1e6 ? `${value / 1e6}M` : value >= 1e3 ? `${value / 1e3}k` : String(value));

/**
 * The chart: x is ε (log 2), y the visitors needed (log 10); each line one
 * holdout, each check a ringed point with its label.
 *
 * @param subtitle - a line under the title: the plan and how to read the chart.
 */
export function liftPowerChart(lines: readonly LiftPowerLine[], checks: readonly LiftPowerCheck[], title: string, subtitle: string): string {
  const all = lines.flatMap((line) => line.points);
  if (!all.length) throw new TypeError('liftPowerChart: give at least one line with points');
  const xs = all.map(({ epsilon }) => Math.log2(epsilon));
  const yTicks = decades(Math.min(...all.map(({ visitors }) => visitors)), Math.max(...all.map(({ visitors }) => visitors)));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)];
  const toX = (epsilon: number) => PLOT.left + ((Math.log2(epsilon) - xMin) / (xMax - xMin || 1)) * (PLOT.right - PLOT.left);
  const toY = (visitors: number) => PLOT.bottom - ((Math.log10(visitors) - yMin) / (yMax - yMin || 1)) * (PLOT.bottom - PLOT.top);
  const parts: string[] = [];
  for (const tick of yTicks) {
    const y = toY(tick);
    parts.push(`<line x1="${PLOT.left}" y1="${px(y)}" x2="${PLOT.right}" y2="${px(y)}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${px(y + 4)}" font-size="12" fill="${COLOURS.muted}" text-anchor="end">${short(tick)}</text>`);
  }
  for (const epsilon of new Set(all.map((point) => point.epsilon))) {
    const x = toX(epsilon);
    parts.push(`<line x1="${px(x)}" y1="${PLOT.top}" x2="${px(x)}" y2="${PLOT.bottom}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${px(x)}" y="${PLOT.bottom + 18}" font-size="12" fill="${COLOURS.muted}" text-anchor="middle">${epsilon}</text>`);
  }
  parts.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="${COLOURS.axis}"/>`);
  parts.push(`<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 42}" font-size="14" fill="${COLOURS.text}" text-anchor="middle">ε of the whole report (log scale)</text>`);
  const middle = (PLOT.top + PLOT.bottom) / 2;
  parts.push(`<text x="24" y="${middle}" font-size="14" fill="${COLOURS.text}" text-anchor="middle" transform="rotate(-90 24 ${middle})">visitors needed (log scale)</text>`);
  lines.forEach((line, index) => {
    const colour = line.reference ? COLOURS.reference : LINE_COLOURS[index % LINE_COLOURS.length]!;
    const points = line.points.map(({ epsilon, visitors }) => `${px(toX(epsilon))},${px(toY(visitors))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"${line.reference ? ' stroke-dasharray="7 4"' : ''}/>`);
    const legendY = PLOT.bottom + 66 + Math.floor(index / 2) * 20;
    const legendX = PLOT.left + (index % 2) * 330;
    parts.push(`<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 26}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"${line.reference ? ' stroke-dasharray="7 4"' : ''}/>`);
    parts.push(`<text x="${legendX + 32}" y="${legendY}" font-size="12" fill="${COLOURS.text}">${escapeXml(line.label)}</text>`);
  });
  for (const check of checks) {
    const [x, y] = [toX(check.epsilon), toY(check.visitors)];
    parts.push(`<circle cx="${px(x)}" cy="${px(y)}" r="7" fill="none" stroke="${COLOURS.reference}" stroke-width="2"/>`);
    parts.push(`<text x="${px(x + 12)}" y="${px(y - 10)}" font-size="12" fill="${COLOURS.text}">${escapeXml(check.label)}</text>`);
  }
  return [
    ...chartHeading(WIDTH, HEIGHT, title, subtitle),
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
