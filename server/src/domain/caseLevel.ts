import { CASE_LEVELS } from '../contract/vocabulary.js';

/**
 * The levels a case is handled at, bottom to top — Gaotai's four-level method (四级七天调解法):
 * the villager group's mediator, the village, the town justice office (司法所) and the town
 * governance centre (综治中心).
 */
export { CASE_LEVELS };
export type CaseLevel = (typeof CASE_LEVELS)[number];

export function isCaseLevel(value: unknown): value is CaseLevel {
  return typeof value === 'string' && (CASE_LEVELS as readonly string[]).includes(value);
}

/** 0 for group … 3 for the town governance centre. */
export function levelRank(level: CaseLevel): number {
  return CASE_LEVELS.indexOf(level);
}

export function levelAbove(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[levelRank(level) + 1] ?? null;
}

export function levelBelow(level: CaseLevel): CaseLevel | null {
  const rank = levelRank(level);
  return rank === 0 ? null : (CASE_LEVELS[rank - 1] ?? null);
}
