/** A case category's names, for the words of an alert. */
export interface CategoryName {
  zh: string;
  en: string;
}

export interface AlertFacts {
  /** Cases in each of the last weeks, oldest first (the alarmed day ends the last). */
  weekly: readonly number[];
  /** What the village's own history expects in a week. */
  baselinePerWeek: number;
  /** Cases per category over those weeks. */
  categories: Readonly<Record<string, number>>;
}

/**
 * An early-warning alert in words, zh-CN and English, from the data only: how many of the last
 * weeks were above the village's baseline, the cases against the expected, and the category most
 * of them were ("近5周中有4周高于基线，主要为土地纠纷" / "4 of the last 5 weeks above baseline,
 * mostly land disputes"). "主要为" only for a majority; otherwise the largest is named as such.
 * Pure: no I/O.
 */
export function alertExplanation(
  facts: AlertFacts,
  names: ReadonlyMap<string, CategoryName>,
): { zh: string; en: string } {
  const weeks = facts.weekly.length;
  const above = facts.weekly.filter((n) => n > facts.baselinePerWeek).length;
  const total = facts.weekly.reduce((a, b) => a + b, 0);
  const expected = facts.baselinePerWeek * weeks;
  const expectedText = expected < 10 ? expected.toFixed(1) : String(Math.round(expected));
  const ranked = Object.entries(facts.categories).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  let zh = `近${weeks}周中有${above}周高于基线（${total}件，基线约${expectedText}件）`;
  let en = `${above} of the last ${weeks} weeks above baseline (${total} cases against about ${expectedText} expected)`;
  const top = ranked[0];
  if (top !== undefined) {
    const name = names.get(top[0]) ?? { zh: top[0], en: top[0] };
    const majority = top[1] * 2 > total;
    zh += majority ? `，主要为${name.zh}` : `，其中${name.zh}最多`;
    en += majority ? `, mostly ${name.en.toLowerCase()}` : `, ${name.en.toLowerCase()} the most`;
  }
  return { zh, en };
}
