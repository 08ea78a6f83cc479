import { describe, expect, it } from 'vitest';
import { GAOTAI_CASE_DEADLINES } from '../../server/src/domain/caseDeadline.js';
import {
  applyCaseAction,
  registerCase,
  type CaseAction,
  type CaseActor,
  type CaseOutcome,
  type CaseState,
} from '../../server/src/domain/caseLifecycle.js';
import { caseActionOf } from '../../server/src/domain/caseActionRequest.js';
import { weekdayCalendar } from '../../server/src/domain/workingDays.js';

/** 回访 (issue #14 part 6): the follow-up visit of a resolved case closes it or reopens it. */
const china = (local: string) => new Date(`${local}+08:00`);
const staff: CaseActor = { role: 'grid_staff', memberId: 11 };
const cadre: CaseActor = { role: 'village_cadre', memberId: 22 };
const leader: CaseActor = { role: 'town_leader', memberId: null };
const config = GAOTAI_CASE_DEADLINES;

function ok(outcome: CaseOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason} ${outcome.message}`);
  return outcome;
}

const act = (state: CaseState, action: CaseAction, actor: CaseActor, local: string) =>
  applyCaseAction(state, action, actor, china(local), weekdayCalendar, config);

/** Registered Monday 10 November 2025 09:00 at the group, mediated and resolved there at 16:00. */
function resolvedAtGroup(): CaseState {
  let state = ok(
    registerCase(
      { category: 'neighbour_dispute', major: false, level: 'group', reportedAt: china('2025-11-10T09:00:00') },
      staff,
      weekdayCalendar,
      config,
    ),
  ).state;
  state = ok(act(state, { type: 'accept' }, staff, '2025-11-10T09:30:00')).state;
  state = ok(act(state, { type: 'mediate' }, staff, '2025-11-10T10:00:00')).state;
  return ok(act(state, { type: 'resolve' }, staff, '2025-11-10T16:00:00')).state;
}

describe('the follow-up visit (follow_up)', () => {
  it.each(['satisfied', 'basically_satisfied'] as const)(
    'closes the case when the resident is %s, the step keeping the satisfaction and note',
    (satisfaction) => {
      const outcome = ok(
        act(resolvedAtGroup(), { type: 'follow_up', satisfaction, note: '电话回访' }, cadre, '2025-11-13T10:00:00'),
      );
      expect(outcome.state).toMatchObject({ status: 'closed', resolvedLevel: 'group', reopens: 0 });
      expect(outcome.state.closedAt).toEqual(china('2025-11-13T10:00:00'));
      expect(outcome.step).toMatchObject({
        action: 'follow_up',
        fromStatus: 'resolved',
        toStatus: 'closed',
        satisfaction,
        note: '电话回访',
      });
    },
  );

  it('reopens the case when the resident is dissatisfied: mediating at the level that resolved it, a fresh clock', () => {
    const outcome = ok(
      act(resolvedAtGroup(), { type: 'follow_up', satisfaction: 'dissatisfied' }, cadre, '2025-11-13T10:00:00'),
    );
    expect(outcome.state).toMatchObject({
      status: 'mediating',
      level: 'group',
      reopens: 1,
      resolvedAt: null,
      resolvedLevel: null,
      closedAt: null,
    });
    // The group's one working day from Thursday 10:00, the same clock as a 返工 (reopen).
    const reopen = ok(act(resolvedAtGroup(), { type: 'reopen' }, cadre, '2025-11-13T10:00:00')).state;
    expect(outcome.state.stageStartedAt).toEqual(china('2025-11-13T10:00:00'));
    expect(outcome.state.stageDueAt).toEqual(reopen.stageDueAt);
    expect(outcome.state.stageWarnAt).toEqual(reopen.stageWarnAt);
    expect(outcome.step).toMatchObject({ toStatus: 'mediating', satisfaction: 'dissatisfied' });
  });

  it('refuses a follow-up of a case that is not resolved', () => {
    const resolved = resolvedAtGroup();
    const closed = ok(act(resolved, { type: 'follow_up', satisfaction: 'satisfied' }, cadre, '2025-11-13T10:00:00'));
    const again = act(closed.state, { type: 'follow_up', satisfaction: 'satisfied' }, cadre, '2025-11-14T10:00:00');
    expect(again).toMatchObject({ ok: false, reason: 'wrong_status' });
  });

  it('is taken by whoever may close the case: not by the grid staff who mediated it', () => {
    const resolved = resolvedAtGroup();
    expect(act(resolved, { type: 'follow_up', satisfaction: 'satisfied' }, staff, '2025-11-13T10:00:00')).toMatchObject(
      {
        ok: false,
        reason: 'role_not_allowed',
      },
    );
    expect(act(resolved, { type: 'follow_up', satisfaction: 'satisfied' }, leader, '2025-11-13T10:00:00').ok).toBe(
      true,
    );
  });

  it('gives other steps no satisfaction', () => {
    const outcome = ok(act(resolvedAtGroup(), { type: 'close' }, cadre, '2025-11-13T10:00:00'));
    expect(outcome.step.satisfaction).toBeNull();
  });
});

describe('caseActionOf for follow_up', () => {
  it('needs a satisfaction, naming the three', () => {
    const result = caseActionOf({ action: 'follow_up' });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toContain('satisfied, basically_satisfied, dissatisfied');
  });

  it('takes the satisfaction and the trimmed note', () => {
    expect(caseActionOf({ action: 'follow_up', satisfaction: 'dissatisfied', note: ' 仍有积水 ' })).toEqual({
      ok: true,
      action: { type: 'follow_up', satisfaction: 'dissatisfied', note: '仍有积水' },
    });
  });
});
