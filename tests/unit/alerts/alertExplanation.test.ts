import { describe, expect, it } from 'vitest';
import { alertExplanation } from '../../../server/src/domain/alerts/alertExplanation.js';

const names = new Map([
  ['land_boundary', { zh: '土地纠纷', en: 'Disputes over land' }],
  ['family_dispute', { zh: '婚姻家庭纠纷', en: 'Family disputes' }],
]);

describe('alertExplanation', () => {
  it('counts the weeks above the baseline and names a majority category as the main one', () => {
    const words = alertExplanation(
      { weekly: [3, 1, 4, 5, 6], baselinePerWeek: 2, categories: { land_boundary: 12, family_dispute: 7 } },
      names,
    );
    expect(words.zh).toBe('近5周中有4周高于基线（19件，基线约10件），主要为土地纠纷');
    expect(words.en).toBe(
      '4 of the last 5 weeks above baseline (19 cases against about 10 expected), mostly disputes over land',
    );
  });

  it('names the largest category as the most when it is no majority, with a decimal for a small expectation', () => {
    const words = alertExplanation(
      { weekly: [0, 1, 0, 2, 3], baselinePerWeek: 0.3, categories: { land_boundary: 2, family_dispute: 2, other: 2 } },
      names,
    );
    expect(words.zh).toBe('近5周中有3周高于基线（6件，基线约1.5件），其中婚姻家庭纠纷最多');
    expect(words.en).toBe(
      '3 of the last 5 weeks above baseline (6 cases against about 1.5 expected), family disputes the most',
    );
  });

  it('uses the code of a category it has no name for', () => {
    const words = alertExplanation({ weekly: [5], baselinePerWeek: 1, categories: { flood: 5 } }, new Map());
    expect(words.zh).toBe('近1周中有1周高于基线（5件，基线约1.0件），主要为flood');
  });
});
