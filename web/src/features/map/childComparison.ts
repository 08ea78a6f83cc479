import type { DossierChild } from '@contract/dossier.js';
import { measureValue, type ThematicMeasure } from './thematicClasses.js';

/** One sub-grid in the comparison: its value and its bar's length (0–1 of the largest value). */
export interface ComparedChild {
  child: DossierChild;
  value: number | null;
  bar: number;
}

export interface ChildComparison {
  /** In the administrative order (by code), never by the measure: grids compared, not ranked. */
  rows: ComparedChild[];
  /** The sub-grids' median, and where it falls on the bars; null when no sub-grid has a value. */
  median: { value: number; bar: number } | null;
}

/**
 * The sub-grids side by side on one measure (下级网格对比): the 2024–2026 减负 rules forbid ranking,
 * so the list keeps the order the grids have on the ground (their codes) and shows each value as a
 * bar against the largest, with the median marked, for a leader to see which stand out.
 */
export function compareChildren(children: readonly DossierChild[], measure: ThematicMeasure): ChildComparison {
  const values = children.map((child) => measureValue(child, measure)).filter((value) => value !== null);
  const largest = Math.max(0, ...values);
  const barOf = (value: number | null) => (value === null || largest === 0 ? 0 : value / largest);
  const rows = [...children]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((child) => {
      const value = measureValue(child, measure);
      return { child, value, bar: barOf(value) };
    });
  const middle = medianOf(values);
  return { rows, median: middle === null ? null : { value: middle, bar: barOf(middle) } };
}

function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
