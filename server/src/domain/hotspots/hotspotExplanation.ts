import type { EmergingClassId } from '../../contract/hotspots.js';
import type { EmergingFacts } from './emergingClass.js';

/**
 * Why a grid got its class, in one plain sentence a township leader reads on the map (zh-CN, and
 * English for the English interface), from the facts the class was decided on. Pure: no I/O.
 */
export function hotspotExplanation(id: EmergingClassId, facts: EmergingFacts): { zh: string; en: string } {
  const n = facts.steps;
  const p = pText(facts.trend.p);
  const trendZh = facts.trend.significant
    ? `热度呈${facts.trend.tau > 0 ? '上升' : '下降'}趋势（p=${p}）`
    : `热度无显著变化趋势（p=${p}）`;
  const trendEn = facts.trend.significant
    ? `its z-score is ${facts.trend.tau > 0 ? 'rising' : 'falling'} (p=${p})`
    : `no significant trend (p=${p})`;
  const hot = facts.hotSteps;
  const cold = facts.coldSteps;
  switch (id) {
    case 'new_hot':
    case 'new_cold': {
      const kind = id === 'new_hot' ? ['热点', 'hot'] : ['冷点', 'cold'];
      return {
        zh: `最近一周首次成为显著${kind[0]}，此前${n - 1}周均不显著`,
        en: `a significant ${kind[1]} spot in the latest week for the first time in ${n} weeks`,
      };
    }
    case 'consecutive_hot':
    case 'consecutive_cold': {
      const kind = id === 'consecutive_hot' ? ['热点', 'hot'] : ['冷点', 'cold'];
      return {
        zh: `最近连续${facts.finalRun}周为显著${kind[0]}，此前从未显著`,
        en: `a significant ${kind[1]} spot in each of the last ${facts.finalRun} weeks, never before`,
      };
    }
    case 'intensifying_hot':
    case 'persistent_hot':
    case 'diminishing_hot':
      return {
        zh: `近${n}周中有${hot}周为显著热点（含最近一周），${trendZh}`,
        en: `a significant hot spot in ${hot} of ${n} weeks including the latest; ${trendEn}`,
      };
    case 'intensifying_cold':
    case 'persistent_cold':
    case 'diminishing_cold':
      return {
        zh: `近${n}周中有${cold}周为显著冷点（含最近一周），${trendZh}`,
        en: `a significant cold spot in ${cold} of ${n} weeks including the latest; ${trendEn}`,
      };
    case 'sporadic_hot':
      return {
        zh: `最近一周为显著热点，近${n}周中时有时无（共${hot}周），从未成为冷点`,
        en: `a significant hot spot in the latest week and on and off before (${hot} of ${n} weeks), never a cold spot`,
      };
    case 'sporadic_cold':
      return {
        zh: `最近一周为显著冷点，近${n}周中时有时无（共${cold}周），从未成为热点`,
        en: `a significant cold spot in the latest week and on and off before (${cold} of ${n} weeks), never a hot spot`,
      };
    case 'oscillating_hot':
      return {
        zh: `最近一周为显著热点，但此前曾有${cold}周为显著冷点（热点共${hot}周）`,
        en: `a significant hot spot in the latest week after ${cold} weeks as a significant cold spot (${hot} hot weeks)`,
      };
    case 'oscillating_cold':
      return {
        zh: `最近一周为显著冷点，但此前曾有${hot}周为显著热点（冷点共${cold}周）`,
        en: `a significant cold spot in the latest week after ${hot} weeks as a significant hot spot (${cold} cold weeks)`,
      };
    case 'historical_hot':
      return {
        zh: `近${n}周中有${hot}周为显著热点，但最近一周已不显著`,
        en: `a significant hot spot in ${hot} of ${n} weeks, but not in the latest`,
      };
    case 'historical_cold':
      return {
        zh: `近${n}周中有${cold}周为显著冷点，但最近一周已不显著`,
        en: `a significant cold spot in ${cold} of ${n} weeks, but not in the latest`,
      };
    case 'none':
      return {
        zh: `近${n}周未形成热点或冷点模式（显著热点${hot}周、冷点${cold}周）`,
        en: `no hot or cold spot pattern in ${n} weeks (${hot} hot and ${cold} cold weeks)`,
      };
  }
}

/** p as users read it: three decimals, "<0.001" below. */
function pText(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}
