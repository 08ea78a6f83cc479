import type { PlanProblem } from '../../lib/api/plansTypes.js';

/** A line for the user: `conflict` is a 409 (someone else changed the plan) and offers a reload. */
export type EditorNotice = { kind: 'info' | 'error' | 'conflict'; text: string };

/** The editor's words, given by the view in the current language. */
export interface EditorWords {
  label: (
    operation: 'move' | 'split' | 'merge' | 'add' | 'delete' | 'paint',
    params?: Record<string, string>,
  ) => string;
  saved: (label: string) => string;
  undone: (label: string) => string;
  redone: (label: string) => string;
  failed: (reason: string) => string;
  needOne: string;
  needTwo: string;
  notAdjacent: (a: string, b: string) => string;
  problem: (problem: PlanProblem) => string;
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
