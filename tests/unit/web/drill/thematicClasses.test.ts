import { describe, expect, it } from 'vitest';
import type { DossierChild } from '@contract/dossier.js';
import {
  classify,
  formatMeasure,
  noDataColour,
  quantileBreaks,
} from '../../../../web/src/features/map/thematicClasses.js';

const child = (code: string, open: number | null, coverage: number | null): DossierChild => ({
  code,
  name: `村${code}`,
  level: 'village',
  labelPoint: null,
  measures: {
    households: 100,
    openCases: open ?? 0,
    overdueCases: 0,
    openPer100Households: open,
    linkCoverage: coverage,
    cameraOnlineRate: null,
  },
});

describe('quantileBreaks', () => {
  it('puts about as many values in each class and never splits equal values', () => {
    const groups = quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    const tied = quantileBreaks([0, 0, 0, 0, 0, 0, 1, 2], 4);
    expect(tied[0]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(tied.flat()).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
  });

  it('gives fewer classes than asked when there are fewer values', () => {
    expect(quantileBreaks([3, 3, 3], 5)).toEqual([[3, 3, 3]]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });
});

describe('classify', () => {
  const children = [child('1', 0.5, 0.9), child('2', 4, 0.2), child('3', 1, 0.5), child('4', null, null)];

  it('colours the most open cases darkest and a child without a value grey', () => {
    const { classes, colours, noData } = classify(children, 'openPer100Households');
    expect(noData).toBe(1);
    expect(colours.get('4')).toBe(noDataColour);
    expect(classes[0]!.from).toBe(0.5);
    expect(colours.get('2')).toBe(classes[classes.length - 1]!.colour);
    expect(colours.get('1')).toBe(classes[0]!.colour);
  });

  it('turns the ramp round for a measure where high is good: low link coverage is darkest', () => {
    const { classes, colours } = classify(children, 'linkCoverage');
    const darkest = classify(children, 'openPer100Households').classes.at(-1)!.colour;
    expect(colours.get('2')).toBe(darkest);
    expect(classes.find((item) => item.from === 0.9)!.colour).not.toBe(darkest);
  });
});

describe('formatMeasure', () => {
  it('prints shares as percentages, counts whole and cases per 100 households with two decimals', () => {
    expect(formatMeasure('linkCoverage', 0.8234)).toBe('82.3%');
    expect(formatMeasure('overdueCases', 3)).toBe('3');
    expect(formatMeasure('openPer100Households', 2.254)).toBe('2.25');
    expect(formatMeasure('cameraOnlineRate', null)).toBe('—');
  });
});
