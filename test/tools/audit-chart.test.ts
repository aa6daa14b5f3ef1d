import { describe, expect, it } from 'vitest';
import type { AuditReport, SettingAudit } from '../../tools/audit/audit';
import { auditChart, tradeOffChart, type TradeOffOptions, type TradeOffPoint } from '../../tools/audit/chart';

/**
 * Checks that a document is well-formed XML in the ways a generated SVG can
 * go wrong: every tag closed in order, attributes quoted, `&` only in
 * entities, no stray `<`. Returns the element names in document order.
 */
function wellFormedElements(xml: string): string[] {
  const names: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of xml.matchAll(token)) {
    const [, closing, name, , selfClosing, text, stray] = match;
    if (stray) throw new Error(`a "<" that opens no tag at ${match.index}`);
    if (text !== undefined) {
      const bad = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(text);
      if (bad) throw new Error(`a bare "&" in text at ${match.index! + bad.index}`);
      continue;
    }
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes ${open.at(-1) ?? 'nothing'}`);
    } else {
      names.push(name!);
      if (!selfClosing) open.push(name!);
    }
    for (const value of match[3]!.matchAll(/="([^"]*)"/g)) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(value[1]!)) throw new Error(`a bare "&" in an attribute of <${name}>`);
    }
  }
  if (open.length) throw new Error(`<${open.at(-1)}> is never closed`);
  return names;
}

/** The text of every <text> and <tspan>, entities decoded; names a label lists on one row lose their separating space and comma. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]+)</g)].map(([, text]) =>
    text!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/^ (.*?),?$|^(.*),$/, '$1$2'),
  );
}

const options: TradeOffOptions = {
  title: 'Trade-offs: Films & <Series>',
  subtitle: '42 users',
  y: { title: 'NDCG@10', format: (value) => value.toFixed(3) },
  x: [
    { title: 'coverage', format: (value) => `${(value * 100).toFixed(0)} %`, bounds: [0, 1] },
    { title: 'diversity', format: (value) => value.toFixed(2) },
  ],
  floor: { y: 0.49, label: '2 % under none' },
};

const points: TradeOffPoint[] = [
  { label: 'none', y: 0.5, x: [0.3, 0.7], role: 'reference' },
  { label: 'default', y: 0.5, x: [0.3, 0.7], role: 'default' },
  { label: 'diversity 0.2', y: 0.495, x: [0.32, 0.8] },
  { label: 'calibration "0.5" & more', y: 0.47, x: [0.31, 0.72] },
  { label: 'exploration 0.3', y: 0.46, x: [0.95, 0.71] },
];

describe('tradeOffChart', () => {
  const svg = tradeOffChart(points, options);

  it('is a well-formed, self-contained SVG document', () => {
    const elements = wellFormedElements(svg);
    expect(elements[0]).toBe('svg');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
    // Nothing it needs lives elsewhere: no links, images, scripts or style sheets.
    expect(elements).not.toContain('image');
    expect(elements).not.toContain('script');
    expect(svg).not.toMatch(/href|url\(|@import/);
  });

  it('labels every point in every panel, and names the chart and its axes', () => {
    const shown = texts(svg);
    for (const { label } of points) expect(shown.filter((text) => text === label)).toHaveLength(2);
    expect(shown).toContain('Trade-offs: Films & <Series>');
    expect(shown).toContain('42 users');
    for (const title of ['NDCG@10', 'coverage', 'diversity']) expect(shown).toContain(title);
    expect(shown.filter((text) => text === 'NDCG@10')).toHaveLength(2);
  });

  it('lists the points of one spot in one label, the default in bold orange', () => {
    expect(svg).toContain('<tspan x="');
    expect(svg).toMatch(/font-weight="bold" xml:space="preserve">none,<\/tspan><tspan font-weight="bold" fill="#d9480f" xml:space="preserve"> default<\/tspan>/);
  });

  it('draws one marker per spot, the default ringed and the reference square', () => {
    // Per panel none and default share one square, ringed; three dots for the rest. The legend adds a dot and a ringed dot.
    expect(svg.match(/<circle [^>]*r="5"/g)).toHaveLength(3 * 2 + 2);
    expect(svg.match(/<rect x="[\d.-]+" y="[\d.-]+" width="10" height="10"/g)).toHaveLength(2 + 1);
    expect(svg.match(/<circle [^>]*r="10" fill="none" stroke="#d9480f"/g)).toHaveLength(2 + 1);
  });

  it('keeps ticks inside the bounds of a measure, labelled by its format', () => {
    const coverageTicks = texts(svg).filter((text) => / %$/.test(text));
    expect(coverageTicks.length).toBeGreaterThan(2);
    expect(coverageTicks.map((tick) => Number(tick.slice(0, -2)))).toSatisfy((ticks: number[]) => ticks.every((tick) => tick >= 0 && tick <= 100));
  });

  it('puts points below yMin on the bottom edge, named with their value', () => {
    // The axis starts at the tick under yMin, 0.48: the points under it are drawn on its edge.
    const clipped = tradeOffChart(points, { ...options, yMin: 0.485 });
    wellFormedElements(clipped);
    const shown = texts(clipped);
    expect(shown.filter((text) => text === 'exploration 0.3: 0.460')).toHaveLength(2);
    expect(shown.filter((text) => text === 'calibration "0.5" & more: 0.470')).toHaveLength(2);
    expect(shown).not.toContain('exploration 0.3');
    expect(shown).toContain('below 0.480');
    expect(shown).not.toContain('0.470');
    expect(clipped.match(/<path d="M[^"]+Z"/g)).toHaveLength(2 * 2 + 1);
    expect(texts(svg).some((text) => text.startsWith('below'))).toBe(false);
  });

  it('refuses points it cannot place', () => {
    expect(() => tradeOffChart([], options)).toThrow(new TypeError('tradeOffChart: no points'));
    expect(() => tradeOffChart([{ label: 'half', y: 0.5, x: [0.3] }], options)).toThrow(
      new TypeError('tradeOffChart: point "half" needs a finite y and 2 finite x values'),
    );
    expect(() => tradeOffChart([{ label: 'nan', y: Number.NaN, x: [0.3, 0.4] }], options)).toThrow(/point "nan"/);
  });
});

describe('auditChart', () => {
  const setting = (name: string, options: SettingAudit['options'], ndcg: number, coverage: number, diversity: number): SettingAudit => ({
    name,
    options,
    hr: 0.7,
    ndcg,
    coverage,
    gini: 0.8,
    diversity,
    calibration: 0.5,
    exposure: [],
    exposureGap: 0.1,
    rankMs: 1,
    ndcgChange: 0,
    withinBudget: false,
  });
  const report: AuditReport = {
    users: 610,
    items: 9701,
    category: 'genre',
    candidates: 100,
    settings: [
      setting('none', { seen: 'keep' }, 0.528, 0.27, 0.774),
      setting('default', {}, 0.528, 0.27, 0.774),
      setting('exploration 0.1', { exploration: 0.1 }, 0.527, 0.303, 0.777),
      setting('calibration 0.8', { calibration: { by: 'genre', weight: 0.8 } }, 0.344, 0.287, 0.784),
    ],
  };

  it('plots NDCG@10 against coverage and intra-list diversity, with the dataset in the title', () => {
    const svg = auditChart(report, 'Re-ranking trade-offs: MovieLens small');
    wellFormedElements(svg);
    const shown = texts(svg);
    expect(shown).toContain('Re-ranking trade-offs: MovieLens small');
    expect(shown.some((text) => text.startsWith('catalogue coverage'))).toBe(true);
    expect(shown.some((text) => text.startsWith('intra-list diversity'))).toBe(true);
    for (const name of ['none', 'default', 'exploration 0.1']) expect(shown.filter((text) => text === name)).toHaveLength(2);
    // Far under the 2 % bar: on the bottom edge with its value.
    expect(shown).toContain('calibration 0.8: 0.344');
    expect(shown).toContain('2 % under none');
  });
});
