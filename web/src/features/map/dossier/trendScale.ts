/** A "nice" top for a count axis (1, 2, 5 × 10^n at or above the largest value); at least 1. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

/** Month `YYYY-MM` as the axis prints it: `M月` in Chinese, `MM/YY` otherwise. */
export function monthLabel(month: string, chinese: boolean): string {
  const [year = '', number = ''] = month.split('-');
  return chinese ? `${Number(number)}月` : `${number}/${year.slice(2)}`;
}

/** One series of a trend chart: bars side by side, or a line. */
export interface TrendSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  kind: 'bar' | 'line';
}
