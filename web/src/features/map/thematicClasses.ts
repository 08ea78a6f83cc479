import type { ChildMeasureName, DossierChild } from '@contract/dossier.js';

/** The measures the thematic map and the sub-grid comparison offer, in menu order. */
export const thematicMeasures = [
  'openPer100Households',
  'overdueCases',
  'linkCoverage',
  'cameraOnlineRate',
] as const satisfies readonly ChildMeasureName[];
export type ThematicMeasure = (typeof thematicMeasures)[number];

/** For these a high value is good: their colour ramp runs the other way, so red always means "look here". */
const higherIsBetter: Record<ThematicMeasure, boolean> = {
  openPer100Households: false,
  overdueCases: false,
  linkCoverage: true,
  cameraOnlineRate: true,
};

/** Five classes, light (fine) to dark red (look here). ColorBrewer OrRd-5 (Apache-2.0, Cynthia Brewer). */
const ramp = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] as const;
export const noDataColour = '#d9d9d9';

export interface ThematicClass {
  /** Inclusive bounds of the class in the measure's unit. */
  from: number;
  to: number;
  colour: string;
  count: number;
}

export interface ThematicClassification {
  classes: ThematicClass[];
  /** Fill colour per child code (children without a value get `noDataColour`). */
  colours: Map<string, string>;
  noData: number;
}

/**
 * Quantile class breaks: each class holds about as many grids as the next, so a county where most
 * villages have few cases still shows its spread. Equal values never straddle a break; fewer
 * distinct values give fewer classes.
 */
export function quantileBreaks(values: readonly number[], classCount: number = ramp.length): number[][] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  let start = 0;
  for (let k = 1; k <= classCount && start < sorted.length; k += 1) {
    let end = Math.max(start + 1, Math.round((k * sorted.length) / classCount));
    // Keep ties together: extend the class past equal values.
    while (end < sorted.length && sorted[end] === sorted[end - 1]) end += 1;
    groups.push(sorted.slice(start, end));
    start = end;
  }
  return groups;
}

export function measureValue(child: DossierChild, measure: ThematicMeasure): number | null {
  return child.measures[measure];
}

export function classify(children: readonly DossierChild[], measure: ThematicMeasure): ThematicClassification {
  const valued = children.filter((child) => measureValue(child, measure) !== null);
  const groups = quantileBreaks(valued.map((child) => measureValue(child, measure) as number));
  // Spread the classes over the ramp so two classes are light and dark, not the two lightest.
  const colourOf = (index: number) =>
    ramp[groups.length <= 1 ? ramp.length - 1 : Math.round((index * (ramp.length - 1)) / (groups.length - 1))]!;
  const ordered = higherIsBetter[measure] ? (index: number) => colourOf(groups.length - 1 - index) : colourOf;
  const classes = groups.map((group, index) => ({
    from: group[0]!,
    to: group[group.length - 1]!,
    colour: ordered(index),
    count: group.length,
  }));
  const colours = new Map<string, string>();
  for (const child of children) {
    const value = measureValue(child, measure);
    const found = value === null ? undefined : classes.find((item) => value >= item.from && value <= item.to);
    colours.set(child.code, found?.colour ?? noDataColour);
  }
  return { classes, colours, noData: children.length - valued.length };
}

/** A measure as the user reads it: shares as percentages, counts whole, cases per 100 households with two decimals. */
export function formatMeasure(measure: ThematicMeasure, value: number | null): string {
  if (value === null) return '—';
  if (measure === 'linkCoverage' || measure === 'cameraOnlineRate') return `${(value * 100).toFixed(1)}%`;
  if (measure === 'overdueCases') return String(value);
  return value.toFixed(2);
}
