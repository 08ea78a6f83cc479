import type { AccessRole } from './accessRole.js';
import { FEEDBACK_STATUSES } from '../contract/vocabulary.js';

/**
 * Who may do what with feedback (投诉建议). Pure: no I/O.
 *
 * - Every signed-in role sends, except the wall: a wall display is unattended, nobody there writes
 *   or could be answered.
 * - County administrators answer the feedback of their scope; auditors read it, never change it.
 */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_READ_ROLES: readonly AccessRole[] = ['county_admin', 'auditor'];
export const FEEDBACK_ANSWER_ROLES: readonly AccessRole[] = ['county_admin'];

export function feedbackSendRefusal(role: AccessRole): string | null {
  return role === 'wall'
    ? 'a wall display is unattended: nobody there writes feedback or could read the answer; sign in as a person'
    : null;
}

/** Why a change may not be made, or null: an answered message has an answer. */
export function feedbackChangeProblem(status: FeedbackStatus, reply: string | null): string | null {
  if (status === 'answered' && reply === null) return 'status "answered" needs a "reply" (the answer to the sender)';
  return null;
}
