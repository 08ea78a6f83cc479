import type { CaseAction } from './caseLifecycle.js';
import { isCaseLevel } from './caseLevel.js';
import { CASE_REQUEST_ACTIONS, FOLLOW_UP_SATISFACTIONS } from '../contract/vocabulary.js';

/**
 * The body of `POST /api/cases/:serial/actions` turned into a lifecycle {@link CaseAction}.
 * `register` is not an action on an existing case (a report creates the case). The extra fields:
 * `to` (a level for hand_down and skip, a department or court for transfer) and `days` (extend) and
 * `satisfaction` (follow_up);
 * a void's reason is its note. Pure: no I/O.
 */
export { CASE_REQUEST_ACTIONS };
export type CaseRequestAction = (typeof CASE_REQUEST_ACTIONS)[number];

export interface CaseActionRequest {
  action: CaseRequestAction;
  note?: string;
  to?: string;
  days?: number;
  satisfaction?: string;
}

export type CaseActionRequestResult = { ok: true; action: CaseAction } | { ok: false; message: string };

export function caseActionOf(request: CaseActionRequest): CaseActionRequestResult {
  const note = request.note?.trim() || undefined;
  const withNote = <T extends object>(action: T) => (note === undefined ? action : { ...action, note });
  switch (request.action) {
    case 'hand_down':
      if (request.to !== undefined && !isCaseLevel(request.to)) return badLevel(request.to);
      return { ok: true, action: withNote({ type: 'hand_down' as const, ...(request.to ? { to: request.to } : {}) }) };
    case 'skip':
      if (request.to === undefined) return { ok: false, message: 'skip needs "to": the level the case jumps to' };
      if (!isCaseLevel(request.to)) return badLevel(request.to);
      return { ok: true, action: withNote({ type: 'skip' as const, to: request.to }) };
    case 'transfer': {
      const to = request.to?.trim();
      if (!to) return { ok: false, message: 'transfer needs "to": the department or court that takes the case' };
      return { ok: true, action: withNote({ type: 'transfer' as const, to }) };
    }
    case 'void':
      if (note === undefined) return { ok: false, message: 'void needs "note": the reason the case is voided' };
      return { ok: true, action: { type: 'void', reason: note } };
    case 'follow_up': {
      const satisfaction = FOLLOW_UP_SATISFACTIONS.find((s) => s === request.satisfaction);
      if (!satisfaction) {
        return {
          ok: false,
          message: `follow_up needs "satisfaction": ${FOLLOW_UP_SATISFACTIONS.join(', ')} (what the resident said at the visit)`,
        };
      }
      return { ok: true, action: withNote({ type: 'follow_up' as const, satisfaction }) };
    }
    case 'extend':
      if (request.days === undefined) return { ok: false, message: 'extend needs "days": the working days to add' };
      return { ok: true, action: withNote({ type: 'extend' as const, days: request.days }) };
    default:
      return { ok: true, action: withNote({ type: request.action }) };
  }
}

function badLevel(to: string): CaseActionRequestResult {
  return { ok: false, message: `"to" must be a level (group, village, town_justice, town_centre), got "${to}"` };
}
