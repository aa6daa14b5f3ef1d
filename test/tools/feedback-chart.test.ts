import { describe, expect, it } from 'vitest';
import { feedbackChart } from '../../tools/audit/feedback-chart';
import type { FeedbackReport, RoundMeasures } from '../../tools/audit/simulate';

/** A report whose measures follow `diversity(round)` and `clickRate(round)`; the rest do not show in the chart. */
function report(setting: string, rounds: number, diversity: (round: number) => number, clickRate: (round: number) => number): FeedbackReport {
  const measures = (round: number): RoundMeasures => ({
    round,
    diversity: diversity(round),
    topics: 5,
    favouriteShare: 0.2,
    divergence: 1,
    gini: 0.9,
    coverage: 0.1,
    clickRate: clickRate(round),
  });
  return { setting, favouriteTaste: 0.5, rounds: Array.from({ length: rounds }, (_, i) => measures(i + 1)) };
}

/** Each polyline's points, as [x, y] pairs. */
const polylines = (svg: string) =>
  [...svg.matchAll(/<polyline points="([^"]+)"/g)].map(([, points]) => points!.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]));

describe('the feedback loop chart', () => {
  const reports = [
    report('site order', 12, () => 0.95, () => 0.02),
    report('narrowing & clicking', 12, (round) => 0.95 - round / 40, (round) => 0.02 + round / 400),
  ];
  const svg = feedbackChart(reports, '2 settings, 12 rounds');

  it('draws one line per setting in each panel, a point per round, left to right', () => {
    const lines = polylines(svg);
    expect(lines).toHaveLength(2 * 2);
    for (const points of lines) {
      expect(points).toHaveLength(12);
      points.slice(1).forEach(([x], i) => expect(x).toBeGreaterThan(points[i]![0]));
    }
  });

  it('draws a falling measure falling, up being smaller y', () => {
    // The reference comes last in each panel, so the narrowing setting's diversity is the first line.
    const [narrowing] = polylines(svg);
    expect(narrowing!.at(-1)![1]).toBeGreaterThan(narrowing![0]![1]);
  });

  it('names every setting in the legend, escaped', () => {
    expect(svg).toContain('>site order<');
    expect(svg).toContain('>narrowing &amp; clicking<');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });

  it('labels shares without running past 1', () => {
    const labels = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map(([, label]) => label!);
    expect(labels.some((label) => label.endsWith(' %'))).toBe(true);
    expect(labels.filter((label) => !label.endsWith(' %')).every((label) => Number(label) <= 1)).toBe(true);
  });

  it('refuses reports of different lengths', () => {
    expect(() => feedbackChart([reports[0]!, report('short', 5, () => 1, () => 0)], '')).toThrow(TypeError);
  });
});
