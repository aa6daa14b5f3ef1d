/**
 * The audit's trade-off chart: accuracy (y) against what re-ranking buys (x:
 * coverage, diversity), one labelled point per setting, as a self-contained
 * SVG that a README shows and a browser turns into a PNG.
 */
import { AUDIT_TOP, NDCG_LOSS_BUDGET, type AuditReport } from './audit';

export interface TradeOffPoint {
  label: string;
  /** The accuracy, shared by every panel. */
  y: number;
  /** One value per panel, in the order of the options' `x` axes. */
  x: readonly number[];
  /** `reference`: what the others are compared with; `default`: the setting a site gets without asking. */
  role?: 'reference' | 'default';
}

export interface TradeOffAxis {
  title: string;
  /** The values the measure can take, such as [0, 1] for a share: ticks stay inside. */
  bounds?: readonly [number, number];
  /** A tick's label, given the step between ticks so labels can share their number of decimals. */
  format: (value: number, step: number) => string;
}

export interface TradeOffOptions {
  title: string;
  /** A second line under the title: the data and how to read the chart. */
  subtitle?: string;
  y: TradeOffAxis;
  /** One panel per axis, side by side. */
  x: readonly TradeOffAxis[];
  /** A dashed line across every panel at this accuracy, such as the most a default may lose. */
  floor?: { y: number; label: string };
  /**
   * Accuracy below this is drawn on the bottom edge as a triangle pointing
   * down, its value in its label: one setting far worse than the rest would
   * otherwise squeeze the ones worth choosing between into a sliver.
   */
  yMin?: number;
}

const PANEL_WIDTH = 560;
const PANEL_HEIGHT = 520;
/** Room around a panel's plot area: ticks and the y title on the left, the x title below. */
const MARGIN = { left: 78, right: 24, top: 16, bottom: 58 };
const HEADER_HEIGHT = 74;
const LEGEND_HEIGHT = 40;
export const FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
const LABEL_SIZE = 12;
const LABEL_LINE = 14;
/**
 * Average advance of a character at 1 px font size, regular and bold: DejaVu
 * Sans in Chromium measures 0.49 to 0.54 and 0.55 to 0.61 on the labels here;
 * a little more, so an estimated label box holds the real one.
 */
const CHARACTER_WIDTH = { regular: 0.56, bold: 0.62 };
const POINT_RADIUS = 5;
export const COLOURS = { point: '#4c6e9e', default: '#d9480f', reference: '#222222', grid: '#e6e6e6', axis: '#555555', text: '#222222', muted: '#666666' };

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

export const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A chart's opening: the SVG element, its title for screen readers, a white ground, the title and a subtitle line under it. */
export function chartHeading(width: number, height: number, title: string, subtitle: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="32" font-size="20" font-weight="bold" fill="${COLOURS.text}" text-anchor="middle">${escapeXml(title)}</text>`,
    `<text x="${width / 2}" y="58" font-size="13" fill="${COLOURS.muted}" text-anchor="middle">${escapeXml(subtitle)}</text>`,
  ];
}

/** Rounds for the SVG text: a tenth of a pixel is finer than any screen shows. */
export const px = (value: number) => String(Math.round(value * 10) / 10);

/** About five ticks at 1, 2 or 5 times a power of ten, covering [low, high]. */
export function niceTicks(low: number, high: number): number[] {
  const span = high - low || Math.abs(high) || 1;
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  // Snap to the step's own decimals, so 0.1 + 0.2 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let tick = Math.floor(low / step) * step; tick <= high + step * 1e-9; tick += step) ticks.push(Number(tick.toFixed(decimals)));
  if (ticks.at(-1)! < high) ticks.push(Number((ticks.at(-1)! + step).toFixed(decimals)));
  return ticks;
}

/** The range an axis shows: the values and 8 % more on each side, widened to whole ticks, kept within `bounds`. */
export function axisRange(values: readonly number[], bounds?: readonly [number, number]): { min: number; max: number; ticks: number[]; step: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low || Math.abs(high) * 0.1 || 0.1) * 0.08;
  const [floor, ceiling] = bounds ?? [-Infinity, Infinity];
  const ticks = niceTicks(Math.max(floor, low - pad), Math.min(ceiling, high + pad)).filter((tick) => tick >= floor && tick <= ceiling);
  return { min: ticks[0]!, max: ticks.at(-1)!, ticks, step: ticks.length > 1 ? ticks[1]! - ticks[0]! : 1 };
}

/** Decimals that tell ticks `step` apart. */
const tickDecimals = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
/** A tick's label as a number, with as many decimals as its step needs. */
export const plainTick = (value: number, step: number) => value.toFixed(tickDecimals(step));
/** A tick's label for a share, in per cent, with as many decimals as its step needs. */
export const percentTick = (value: number, step: number) => `${(value * 100).toFixed(tickDecimals(step * 100))} %`;

interface Name {
  text: string;
  role?: TradeOffPoint['role'];
}

/** Characters a label's row holds before the next name starts a new row. */
const ROW_CHARACTERS = 34;

/**
 * The names of one spot as rows, joined by commas while a row has room: a
 * spot that five settings share is then a short block, not a tall column
 * that runs past its neighbours.
 */
function rowsOf(names: readonly Name[]): Name[][] {
  const rows: Name[][] = [];
  let length = 0;
  for (const [i, name] of names.entries()) {
    const row = rows.at(-1);
    const last = i === names.length - 1;
    const text = last ? name.text : `${name.text},`;
    if (row && length + 1 + text.length <= ROW_CHARACTERS) {
      row.push({ ...name, text: ` ${text}` });
      length += 1 + text.length;
    } else {
      rows.push([{ ...name, text }]);
      length = text.length;
    }
  }
  return rows;
}

/** Points that fall on one spot share one marker and one label that lists their names. */
interface Marker {
  cx: number;
  cy: number;
  /** The names of the points on this spot, those with a role set in bold. */
  names: Name[];
  roles: Set<NonNullable<TradeOffPoint['role']>>;
  /** Below the y axis's range, drawn on its bottom edge. */
  below: boolean;
}

function markersOf(points: readonly TradeOffPoint[], place: (point: TradeOffPoint) => { cx: number; cy: number; label: string; below: boolean }): Marker[] {
  const markers: Marker[] = [];
  for (const point of points) {
    const { cx, cy, label, below } = place(point);
    let marker = markers.find((other) => Math.hypot(other.cx - cx, other.cy - cy) < 2 && other.below === below);
    if (!marker) markers.push((marker = { cx, cy, names: [], roles: new Set(), below }));
    marker.names.push({ text: label, ...(point.role && { role: point.role }) });
    if (point.role) marker.roles.add(point.role);
  }
  return markers;
}

/** How far a label keeps from markers other than its own, in pixels beyond their edge. */
const NEIGHBOUR_MARGIN = 5;

const grow = (box: Box, by: number): Box => ({ left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by });

/** A label farther than this from its marker gets a leader line to it. */
const LEADER_GAP = 10;

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The leader from a marker's edge to the nearest point of its label, when the label sits away from it. */
function leaderOf(marker: Marker, box: Box): Segment | undefined {
  const x2 = Math.min(Math.max(marker.cx, box.left), box.right);
  const y2 = Math.min(Math.max(marker.cy, box.top), box.bottom);
  const gap = Math.hypot(x2 - marker.cx, y2 - marker.cy);
  if (gap <= LEADER_GAP) return undefined;
  const ratio = (POINT_RADIUS + 2) / gap;
  return { x1: marker.cx + (x2 - marker.cx) * ratio, y1: marker.cy + (y2 - marker.cy) * ratio, x2, y2 };
}

/** Whether a segment passes through a box, checked every 2 px along it: exact enough for a chart. */
function passesThrough(segment: Segment, box: Box): boolean {
  const steps = Math.ceil(Math.hypot(segment.x2 - segment.x1, segment.y2 - segment.y1) / 2);
  for (let step = 1; step < steps; step++) {
    const x = segment.x1 + ((segment.x2 - segment.x1) * step) / steps;
    const y = segment.y1 + ((segment.y2 - segment.y1) * step) / steps;
    if (x > box.left && x < box.right && y > box.top && y < box.bottom) return true;
  }
  return false;
}

/** Whether two segments cross, by the signs of the turns each makes with the other's ends. */
function cross(a: Segment, b: Segment): boolean {
  const turn = (x1: number, y1: number, x2: number, y2: number, x3: number, y3: number) => Math.sign((x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1));
  return (
    turn(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1) * turn(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2) < 0 &&
    turn(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1) * turn(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2) < 0
  );
}

/**
 * Where a label may go around its marker, in order of preference: right and
 * left (a label beside its point reads best), above and below, the diagonals,
 * then the directions between, sixteen in all.
 */
const DIRECTIONS: readonly (readonly [number, number])[] = [0, 180, 270, 90, 315, 45, 225, 135, 337.5, 22.5, 202.5, 157.5, 292.5, 67.5, 247.5, 112.5].map(
  (degrees) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)] as const,
);

interface PlacedLabel {
  marker: Marker;
  box: Box;
  leader?: Segment;
}

/**
 * Places each marker's label where it covers no other label, marker or leader
 * line and its own leader crosses none, inside the plot and off its horizontal
 * `rules` (y in pixels) where it can, trying spots around the marker from near
 * to far; the highlighted markers choose first, then those with the most neighbours.
 */
function placeLabels(markers: readonly Marker[], plot: Box, rules: readonly number[]): PlacedLabel[] {
  const size = (marker: Marker) => {
    const rows = rowsOf(marker.names);
    const widths = rows.map((row) => row.reduce((sum, { text, role }) => sum + text.length * CHARACTER_WIDTH[role ? 'bold' : 'regular'], 0));
    return { width: Math.max(...widths) * LABEL_SIZE, height: rows.length * LABEL_LINE };
  };
  const obstacles = markers.map((marker) => ({
    marker,
    box: { left: marker.cx - POINT_RADIUS - 2, top: marker.cy - POINT_RADIUS - 2, right: marker.cx + POINT_RADIUS + 2, bottom: marker.cy + POINT_RADIUS + 2 },
  }));
  const crowding = (marker: Marker) => markers.filter((other) => Math.hypot(other.cx - marker.cx, other.cy - marker.cy) < 60).length;
  // The reference and the default are what the others are read against: their labels choose first.
  const order = [...markers].sort((a, b) => b.roles.size - a.roles.size || crowding(b) - crowding(a) || a.cy - b.cy);
  const placed: PlacedLabel[] = [];
  /** What makes a spot worse: overlap makes a label unreadable, a crossed leader misleads, distance only makes it slower to match. */
  const cost = (marker: Marker, box: Box, distance: number) => {
    const leader = leaderOf(marker, box);
    const outside =
      Math.max(0, plot.left - box.left) + Math.max(0, box.right - plot.right) + Math.max(0, plot.top - box.top) + Math.max(0, box.bottom - plot.bottom);
    let covered = 0;
    let misleading = 0;
    for (const other of obstacles) {
      covered += overlap(box, other.box);
      // A label right beside another marker reads as that marker's name: keep a margin from the others.
      if (other.marker !== marker) covered += overlap(box, grow(other.box, NEIGHBOUR_MARGIN));
      // A marker touching this one cannot be missed by any leader: only those apart count.
      const apart = Math.hypot(other.marker.cx - marker.cx, other.marker.cy - marker.cy) > 2 * POINT_RADIUS;
      if (leader && apart && passesThrough(leader, other.box)) misleading++;
    }
    for (const other of placed) {
      covered += overlap(box, other.box);
      if (leader && passesThrough(leader, other.box)) misleading++;
      if (other.leader && passesThrough(other.leader, box)) misleading++;
      if (leader && other.leader && cross(leader, other.leader)) misleading++;
    }
    // A dashed rule through a label's letters is legible through their halo, but reads worse.
    const struck = rules.filter((y) => y > box.top && y < box.bottom).length;
    return { leader, total: covered * 10 + outside * 200 + misleading * 1000 + struck * 300 + distance };
  };
  for (const marker of order) {
    const { width, height } = size(marker);
    let best: { box: Box; leader: Segment | undefined; total: number } | undefined;
    for (const distance of [8, 16, 28, 44, 64, 90, 120, 160]) {
      const spots = DIRECTIONS.map(([dx, dy]): [number, number] => {
        // The box leans away from its marker: its near side at the spot, centred where the direction is mostly straight.
        const x = marker.cx + dx * distance;
        const y = marker.cy + dy * distance;
        return [dx > 0.3 ? x : dx < -0.3 ? x - width : x - width / 2, dy > 0.3 ? y : dy < -0.3 ? y - height : y - height / 2];
      });
      for (const [left, top] of spots) {
        const box = { left, top, right: left + width, bottom: top + height };
        const { leader, total } = cost(marker, box, distance);
        if (!best || total < best.total) best = { box, leader, total };
      }
      // Nothing in the way at this distance: farther spots can only be worse.
      if (best && best.total <= distance) break;
    }
    placed.push({ marker, box: best!.box, ...(best!.leader && { leader: best!.leader }) });
  }
  return placed;
}

/** A marker: a dot; the reference a square; the default ringed in orange; below the range, a triangle pointing down. */
function markerSvg({ cx, cy, roles, below }: Pick<Marker, 'cx' | 'cy' | 'roles' | 'below'>): string {
  const fill = roles.has('default') ? COLOURS.default : COLOURS.point;
  const ring = roles.has('default') ? `<circle cx="${px(cx)}" cy="${px(cy)}" r="${POINT_RADIUS + 5}" fill="none" stroke="${COLOURS.default}" stroke-width="2"/>` : '';
  if (below) {
    const r = POINT_RADIUS + 1;
    return `${ring}<path d="M${px(cx - r)} ${px(cy - r)}H${px(cx + r)}L${px(cx)} ${px(cy + r)}Z" fill="${fill}"/>`;
  }
  if (roles.has('reference')) {
    const side = POINT_RADIUS * 2;
    const inside = roles.has('default') ? COLOURS.default : '#ffffff';
    return `${ring}<rect x="${px(cx - side / 2)}" y="${px(cy - side / 2)}" width="${side}" height="${side}" fill="${inside}" stroke="${COLOURS.reference}" stroke-width="2"/>`;
  }
  return `${ring}<circle cx="${px(cx)}" cy="${px(cy)}" r="${POINT_RADIUS}" fill="${fill}" fill-opacity="${roles.size ? 1 : 0.85}"/>`;
}

function labelSvg({ marker, box, leader }: PlacedLabel): string {
  const parts: string[] = [];
  if (leader) parts.push(`<line x1="${px(leader.x1)}" y1="${px(leader.y1)}" x2="${px(leader.x2)}" y2="${px(leader.y2)}" stroke="#999999" stroke-width="0.8"/>`);
  // The text hugs the side facing its marker, so a leader ends at the letters even where the box's width is an estimate.
  const [anchor, x] = box.right <= marker.cx ? ['end', box.right] : box.left >= marker.cx ? ['start', box.left] : ['middle', (box.left + box.right) / 2];
  // Each row starts a text chunk at its own x and y; the names after the first follow on inline.
  const lines = rowsOf(marker.names)
    .map((row, i) =>
      row
        .map(({ text, role }, at) => {
          const place = at === 0 ? ` x="${px(x)}" y="${px(box.top + (i + 1) * LABEL_LINE - 3)}"` : '';
          const style = role === 'default' ? ` font-weight="bold" fill="${COLOURS.default}"` : role ? ' font-weight="bold"' : '';
          return `<tspan${place}${style} xml:space="preserve">${escapeXml(text)}</tspan>`;
        })
        .join(''),
    )
    .join('');
  // A white halo under the letters keeps a label legible where it crosses a grid line or leader.
  parts.push(
    `<text font-size="${LABEL_SIZE}" fill="${COLOURS.text}" text-anchor="${anchor}" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">${lines}</text>`,
  );
  return parts.join('');
}

type AxisRange = ReturnType<typeof axisRange>;

/** The accuracy axis, shared by the panels: every point and the floor, or from `yMin` up where points fall below it. */
function yRange(points: readonly TradeOffPoint[], options: TradeOffOptions): AxisRange {
  const { yMin = -Infinity } = options;
  return axisRange([...points.map((point) => Math.max(point.y, yMin)), ...(options.floor ? [options.floor.y] : [])]);
}

function panelSvg(points: readonly TradeOffPoint[], index: number, options: TradeOffOptions, ys: AxisRange, offsetX: number): string {
  const xAxis = options.x[index]!;
  const plot: Box = { left: offsetX + MARGIN.left, top: HEADER_HEIGHT + MARGIN.top, right: offsetX + PANEL_WIDTH - MARGIN.right, bottom: HEADER_HEIGHT + PANEL_HEIGHT - MARGIN.bottom };
  const xs = axisRange(points.map((point) => point.x[index]!), xAxis.bounds);
  const toX = (value: number) => plot.left + ((value - xs.min) / (xs.max - xs.min)) * (plot.right - plot.left);
  const toY = (value: number) => plot.bottom - ((value - ys.min) / (ys.max - ys.min)) * (plot.bottom - plot.top);
  const parts: string[] = [];
  for (const tick of ys.ticks) {
    const y = toY(tick);
    parts.push(`<line x1="${px(plot.left)}" y1="${px(y)}" x2="${px(plot.right)}" y2="${px(y)}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${px(plot.left - 8)}" y="${px(y + 4)}" font-size="12" fill="${COLOURS.muted}" text-anchor="end">${escapeXml(options.y.format(tick, ys.step))}</text>`);
  }
  for (const tick of xs.ticks) {
    const x = toX(tick);
    parts.push(`<line x1="${px(x)}" y1="${px(plot.top)}" x2="${px(x)}" y2="${px(plot.bottom)}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${px(x)}" y="${px(plot.bottom + 18)}" font-size="12" fill="${COLOURS.muted}" text-anchor="middle">${escapeXml(xAxis.format(tick, xs.step))}</text>`);
  }
  parts.push(
    `<rect x="${px(plot.left)}" y="${px(plot.top)}" width="${px(plot.right - plot.left)}" height="${px(plot.bottom - plot.top)}" fill="none" stroke="${COLOURS.axis}"/>`,
  );
  const middleX = (plot.left + plot.right) / 2;
  const middleY = (plot.top + plot.bottom) / 2;
  parts.push(`<text x="${px(middleX)}" y="${px(plot.bottom + 44)}" font-size="14" fill="${COLOURS.text}" text-anchor="middle">${escapeXml(xAxis.title)}</text>`);
  parts.push(
    `<text x="${px(offsetX + 20)}" y="${px(middleY)}" font-size="14" fill="${COLOURS.text}" text-anchor="middle" transform="rotate(-90 ${px(offsetX + 20)} ${px(middleY)})">${escapeXml(options.y.title)}</text>`,
  );
  if (options.floor) {
    const y = toY(options.floor.y);
    parts.push(`<line x1="${px(plot.left)}" y1="${px(y)}" x2="${px(plot.right)}" y2="${px(y)}" stroke="${COLOURS.reference}" stroke-dasharray="6 4"/>`);
  }
  const markers = markersOf(points, (point) => {
    const below = point.y < ys.min;
    // Named with its value, which the axis no longer shows; the value's precision is a tenth of the axis step's.
    const label = below ? `${point.label}: ${options.y.format(point.y, ys.step / 10)}` : point.label;
    return { cx: toX(point.x[index]!), cy: below ? plot.bottom : toY(point.y), label, below };
  });
  // Markers over grid lines, labels over markers.
  const rules = options.floor ? [toY(options.floor.y)] : [];
  parts.push(...markers.map(markerSvg), ...placeLabels(markers, plot, rules).map(labelSvg));
  return `<g>${parts.join('')}</g>`;
}

/** The legend under the panels: what each marker and the dashed line mean. */
function legendSvg(points: readonly TradeOffPoint[], options: TradeOffOptions, ys: AxisRange, width: number, top: number): string {
  const marker = (roles: TradeOffPoint['role'][], below = false) => markerSvg({ cx: 0, cy: 0, roles: new Set(roles.filter((role) => role !== undefined)), below });
  const entries: { marker: string; text: string }[] = [{ marker: marker([]), text: 'a setting' }];
  const reference = points.find((point) => point.role === 'reference');
  const byDefault = points.find((point) => point.role === 'default');
  if (reference) entries.push({ marker: marker(['reference']), text: `reference: ${reference.label}` });
  if (byDefault) entries.push({ marker: marker(['default']), text: `SDK defaults: ${byDefault.label}` });
  if (points.some((point) => point.y < ys.min)) {
    entries.push({ marker: marker([], true), text: `below ${options.y.format(ys.min, ys.step)}` });
  }
  if (options.floor) {
    entries.push({ marker: `<line x1="-12" y1="0" x2="12" y2="0" stroke="${COLOURS.reference}" stroke-dasharray="6 4"/>`, text: options.floor.label });
  }
  const widths = entries.map(({ text }) => 30 + text.length * 13 * CHARACTER_WIDTH.regular + 28);
  let x = (width - widths.reduce((sum, w) => sum + w, 0)) / 2;
  const parts = entries.map(({ marker, text }, i) => {
    const at = x;
    x += widths[i]!;
    return `<g transform="translate(${px(at + 12)} ${px(top + LEGEND_HEIGHT / 2)})">${marker}<text x="20" y="4.5" font-size="13" fill="${COLOURS.text}">${escapeXml(text)}</text></g>`;
  });
  return parts.join('');
}

/**
 * Renders the trade-off chart as a self-contained SVG document: one panel per
 * x axis, the accuracy up each panel's side, one marker per setting (settings
 * on the same spot share a marker and list their names), the reference as a
 * square, the default ringed in orange, and an optional dashed floor line.
 *
 * @example
 * tradeOffChart([{ label: 'none', y: 0.52, x: [0.27], role: 'reference' }, { label: 'diversity 0.2', y: 0.51, x: [0.31] }], {
 *   title: 'MovieLens', y: { title: 'NDCG@10', format: (v) => v.toFixed(2) }, x: [{ title: 'coverage', format: (v) => `${v * 100} %` }],
 * })
 */
export function tradeOffChart(points: readonly TradeOffPoint[], options: TradeOffOptions): string {
  if (!points.length) throw new TypeError('tradeOffChart: no points');
  if (!options.x.length) throw new TypeError('tradeOffChart: no x axis');
  const bad = points.find((point) => point.x.length !== options.x.length || ![point.y, ...point.x].every(Number.isFinite));
  if (bad) throw new TypeError(`tradeOffChart: point "${bad.label}" needs a finite y and ${options.x.length} finite x values`);
  const width = PANEL_WIDTH * options.x.length;
  const ys = yRange(points, options);
  const height = HEADER_HEIGHT + PANEL_HEIGHT + LEGEND_HEIGHT;
  const subtitle = options.subtitle
    ? `<text x="${width / 2}" y="58" font-size="13" fill="${COLOURS.muted}" text-anchor="middle">${escapeXml(options.subtitle)}</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="32" font-size="20" font-weight="bold" fill="${COLOURS.text}" text-anchor="middle">${escapeXml(options.title)}</text>`,
    subtitle,
    ...options.x.map((_, index) => panelSvg(points, index, options, ys, index * PANEL_WIDTH)),
    legendSvg(points, options, ys, width, HEADER_HEIGHT + PANEL_HEIGHT - 8),
    '</svg>',
    '',
  ].join('\n');
}

/**
 * The audit's chart: NDCG@10 against coverage and against intra-list
 * diversity, the first setting as the reference, the setting with no options
 * (the SDK's defaults) highlighted, and a floor line 2 % under the reference.
 */
export function auditChart(report: AuditReport, title: string): string {
  const [reference] = report.settings;
  return tradeOffChart(
    report.settings.map((setting, i) => ({
      label: setting.name,
      y: setting.ndcg,
      x: [setting.coverage, setting.diversity],
      ...(i === 0 ? { role: 'reference' as const } : Object.keys(setting.options).length === 0 ? { role: 'default' as const } : {}),
    })),
    {
      title,
      subtitle: `${report.users.toLocaleString('en')} held-out users, each item ranked among ${report.candidates}; one point per setting, the first ${AUDIT_TOP} places measured`,
      y: { title: `NDCG@${AUDIT_TOP} (accuracy)`, format: plainTick },
      x: [
        { title: `catalogue coverage (share of items in anyone’s top ${AUDIT_TOP})`, format: percentTick, bounds: [0, 1] },
        { title: `intra-list diversity of the top ${AUDIT_TOP} (1 − cosine)`, format: plainTick, bounds: [0, 1] },
      ],
      floor: { y: reference!.ndcg * (1 - NDCG_LOSS_BUDGET), label: `${NDCG_LOSS_BUDGET * 100} % under ${reference!.name}` },
      // Five times the budget under the reference: room to see the settings near the bar.
      yMin: reference!.ndcg * (1 - 5 * NDCG_LOSS_BUDGET),
    },
  );
}
