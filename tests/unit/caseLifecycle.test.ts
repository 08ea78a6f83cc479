import { describe, expect, it } from 'vitest';
import { GAOTAI_CASE_DEADLINES } from '../../server/src/domain/caseDeadline.js';
import type { CaseLevel } from '../../server/src/domain/caseLevel.js';
import {
  applyCaseAction,
  registerCase,
  SYSTEM_ACTOR,
  type CaseAction,
  type CaseActor,
  type CaseOutcome,
  type CaseState,
} from '../../server/src/domain/caseLifecycle.js';
import { weekdayCalendar } from '../../server/src/domain/workingDays.js';

const china = (local: string) => new Date(`${local}+08:00`);
const staff: CaseActor = { role: 'grid_staff', memberId: 11 };
const cadre: CaseActor = { role: 'village_cadre', memberId: 22 };
const leader: CaseActor = { role: 'town_leader', memberId: null };
const county: CaseActor = { role: 'county_admin', memberId: null };
const config = GAOTAI_CASE_DEADLINES;

function ok(outcome: CaseOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason} ${outcome.message}`);
  return outcome;
}

/** A case registered on Monday 10 November 2025 at 09:00 by the grid staff of its group. */
function registered(overrides: { level?: CaseLevel; major?: boolean } = {}): CaseState {
  const actor = overrides.level && overrides.level !== 'group' ? county : staff;
  return ok(
    registerCase(
      {
        category: 'neighbour_dispute',
        major: overrides.major ?? false,
        level: overrides.level ?? 'group',
        reportedAt: china('2025-11-10T09:00:00'),
      },
      actor,
      weekdayCalendar,
      config,
    ),
  ).state;
}

function act(state: CaseState, action: CaseAction, actor: CaseActor, local: string): CaseOutcome {
  return applyCaseAction(state, action, actor, china(local), weekdayCalendar, config);
}

/** Registered → accepted → mediating at the group. */
function mediating(overrides: { major?: boolean } = {}): CaseState {
  const accepted = ok(act(registered(overrides), { type: 'accept' }, staff, '2025-11-10T09:30:00')).state;
  return ok(act(accepted, { type: 'mediate' }, staff, '2025-11-10T10:00:00')).state;
}

function refusal(outcome: CaseOutcome): string {
  return outcome.ok ? 'accepted' : outcome.reason;
}

describe('registerCase', () => {
  it('starts registered at the reporting level with that level’s clock and a first step', () => {
    const outcome = ok(
      registerCase(
        {
          category: 'neighbour_dispute',
          major: false,
          level: 'group',
          reportedAt: china('2025-11-10T09:00:00'),
          note: '巡查发现',
        },
        staff,
        weekdayCalendar,
        config,
      ),
    );
    expect(outcome.state).toMatchObject({
      status: 'registered',
      level: 'group',
      escalations: 0,
      reopens: 0,
      previousLevel: null,
    });
    expect(outcome.state.stageStartedAt).toEqual(china('2025-11-10T09:00:00'));
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-11T17:30:00'));
    expect(outcome.step).toEqual({
      at: china('2025-11-10T09:00:00'),
      action: 'register',
      fromStatus: null,
      toStatus: 'registered',
      fromLevel: null,
      toLevel: 'group',
      actorRole: 'grid_staff',
      actorId: 11,
      note: '巡查发现',
      satisfaction: null,
    });
  });

  it('refuses a grid staff registering at the town level', () => {
    const outcome = registerCase(
      { category: 'other', major: false, level: 'town_centre', reportedAt: china('2025-11-10T09:00:00') },
      staff,
      weekdayCalendar,
      config,
    );
    expect(refusal(outcome)).toBe('role_not_allowed');
  });
});

describe('applyCaseAction', () => {
  it('accepts a registered case without restarting its clock', () => {
    const before = registered();
    const outcome = ok(act(before, { type: 'accept' }, staff, '2025-11-10T09:30:00'));
    expect(outcome.state.status).toBe('accepted');
    expect(outcome.state.stageDueAt).toEqual(before.stageDueAt);
    expect(outcome.step).toMatchObject({
      action: 'accept',
      fromStatus: 'registered',
      toStatus: 'accepted',
      fromLevel: 'group',
      toLevel: 'group',
    });
  });

  it('starts mediation only on an accepted case', () => {
    expect(refusal(act(registered(), { type: 'mediate' }, staff, '2025-11-10T09:30:00'))).toBe('wrong_status');
    expect(mediating().status).toBe('mediating');
  });

  it('escalates one level up, awaiting acceptance there, with that level’s full time', () => {
    const outcome = ok(act(mediating(), { type: 'escalate', note: '组内调解未果' }, staff, '2025-11-10T15:00:00'));
    expect(outcome.state).toMatchObject({
      status: 'registered',
      level: 'village',
      escalations: 1,
      previousLevel: 'group',
    });
    expect(outcome.state.stageStartedAt).toEqual(china('2025-11-10T15:00:00'));
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-12T17:30:00'));
    expect(outcome.step).toMatchObject({
      action: 'escalate',
      fromLevel: 'group',
      toLevel: 'village',
      note: '组内调解未果',
    });
  });

  it('refuses to escalate past the town governance centre', () => {
    const top = registered({ level: 'town_centre' });
    expect(refusal(act(top, { type: 'escalate' }, county, '2025-11-10T10:00:00'))).toBe('top_level');
  });

  it('lets the system escalate only once the stage is overdue past its grace time', () => {
    const state = mediating(); // due Tuesday 17:30, grace until Wednesday 12:30
    expect(refusal(act(state, { type: 'escalate' }, SYSTEM_ACTOR, '2025-11-12T12:29:59'))).toBe('not_overdue');
    const outcome = ok(act(state, { type: 'escalate' }, SYSTEM_ACTOR, '2025-11-12T12:30:00'));
    expect(outcome.state).toMatchObject({ level: 'village', escalations: 1 });
    expect(outcome.step).toMatchObject({ actorRole: 'system', actorId: null });
  });

  it('refuses the system anything but escalation', () => {
    expect(refusal(act(registered(), { type: 'accept' }, SYSTEM_ACTOR, '2025-11-10T09:30:00'))).toBe(
      'role_not_allowed',
    );
  });

  it('hands a case down to the level named, restarting the clock there', () => {
    const atCentre = registered({ level: 'town_centre' });
    const outcome = ok(act(atCentre, { type: 'hand_down', to: 'village' }, leader, '2025-11-10T11:00:00'));
    expect(outcome.state).toMatchObject({
      status: 'registered',
      level: 'village',
      previousLevel: 'town_centre',
      escalations: 0,
    });
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-12T17:30:00'));
    const oneDown = ok(act(atCentre, { type: 'hand_down' }, leader, '2025-11-10T11:00:00'));
    expect(oneDown.state.level).toBe('town_justice');
  });

  it('refuses to hand down below the group or to a level that is not lower', () => {
    expect(refusal(act(registered(), { type: 'hand_down' }, county, '2025-11-10T10:00:00'))).toBe('bottom_level');
    const atVillage = registered({ level: 'village' });
    expect(refusal(act(atVillage, { type: 'hand_down', to: 'town_justice' }, county, '2025-11-10T10:00:00'))).toBe(
      'bad_target_level',
    );
  });

  it('sends a case that has not been accepted back where it came from', () => {
    const escalated = ok(act(mediating(), { type: 'escalate' }, staff, '2025-11-10T15:00:00')).state;
    const outcome = ok(act(escalated, { type: 'send_back', note: '事实不清' }, cadre, '2025-11-10T16:00:00'));
    expect(outcome.state).toMatchObject({ status: 'registered', level: 'group', previousLevel: 'village' });
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-11T17:30:00'));
  });

  it('refuses to send back a case that never changed level or was already accepted', () => {
    expect(refusal(act(registered(), { type: 'send_back' }, staff, '2025-11-10T10:00:00'))).toBe('no_previous_level');
    const escalated = ok(act(mediating(), { type: 'escalate' }, staff, '2025-11-10T15:00:00')).state;
    const accepted = ok(act(escalated, { type: 'accept' }, cadre, '2025-11-10T15:30:00')).state;
    expect(refusal(act(accepted, { type: 'send_back' }, cadre, '2025-11-10T16:00:00'))).toBe('wrong_status');
  });

  it('resolves a case under mediation, recording the level and stopping the clock', () => {
    const outcome = ok(act(mediating(), { type: 'resolve' }, staff, '2025-11-10T16:00:00'));
    expect(outcome.state).toMatchObject({
      status: 'resolved',
      resolvedLevel: 'group',
      stageWarnAt: null,
      stageDueAt: null,
    });
    expect(outcome.state.resolvedAt).toEqual(china('2025-11-10T16:00:00'));
  });

  it('refuses to resolve a case nobody has mediated', () => {
    const accepted = ok(act(registered(), { type: 'accept' }, staff, '2025-11-10T09:30:00')).state;
    expect(refusal(act(accepted, { type: 'resolve' }, staff, '2025-11-10T10:00:00'))).toBe('wrong_status');
  });

  it('closes a resolved case after the village’s follow-up visit', () => {
    const resolved = ok(act(mediating(), { type: 'resolve' }, staff, '2025-11-10T16:00:00')).state;
    const outcome = ok(act(resolved, { type: 'close', note: '回访满意' }, cadre, '2025-11-13T10:00:00'));
    expect(outcome.state).toMatchObject({ status: 'closed', resolvedLevel: 'group' });
    expect(outcome.state.closedAt).toEqual(china('2025-11-13T10:00:00'));
  });

  it('refuses to let the grid staff who mediated close the case themselves', () => {
    const resolved = ok(act(mediating(), { type: 'resolve' }, staff, '2025-11-10T16:00:00')).state;
    expect(refusal(act(resolved, { type: 'close' }, staff, '2025-11-13T10:00:00'))).toBe('role_not_allowed');
  });

  it('reopens a resolved case after a failed follow-up, with a fresh clock at the resolving level', () => {
    const resolved = ok(act(mediating(), { type: 'resolve' }, staff, '2025-11-10T16:00:00')).state;
    const outcome = ok(act(resolved, { type: 'reopen' }, cadre, '2025-11-13T10:00:00'));
    expect(outcome.state).toMatchObject({
      status: 'mediating',
      level: 'group',
      reopens: 1,
      resolvedAt: null,
      resolvedLevel: null,
    });
    expect(outcome.state.stageStartedAt).toEqual(china('2025-11-13T10:00:00'));
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-14T17:30:00'));
  });

  it('refuses to reopen or close a case that is not awaiting follow-up', () => {
    expect(refusal(act(mediating(), { type: 'reopen' }, cadre, '2025-11-10T16:00:00'))).toBe('wrong_status');
    expect(refusal(act(mediating(), { type: 'close' }, cadre, '2025-11-10T16:00:00'))).toBe('wrong_status');
  });

  it('transfers to a named department, which ends the case here', () => {
    const outcome = ok(
      act(mediating(), { type: 'transfer', to: '县人民法院', note: '诉调对接' }, leader, '2025-11-10T16:00:00'),
    );
    expect(outcome.state).toMatchObject({ status: 'transferred', stageDueAt: null });
    expect(outcome.step.note).toBe('县人民法院: 诉调对接');
    expect(refusal(act(outcome.state, { type: 'accept' }, leader, '2025-11-10T17:00:00'))).toBe('wrong_status');
  });

  it('refuses a transfer that names no department, or by a village cadre', () => {
    expect(refusal(act(mediating(), { type: 'transfer', to: '  ' }, leader, '2025-11-10T16:00:00'))).toBe(
      'missing_text',
    );
    expect(refusal(act(mediating(), { type: 'transfer', to: '县人民法院' }, cadre, '2025-11-10T16:00:00'))).toBe(
      'role_not_allowed',
    );
  });

  it('voids a registered case with a reason', () => {
    const outcome = ok(act(registered(), { type: 'void', reason: '重复登记' }, staff, '2025-11-10T09:10:00'));
    expect(outcome.state.status).toBe('voided');
    expect(outcome.step.note).toBe('重复登记');
  });

  it('refuses to void a case under mediation or without a reason', () => {
    expect(refusal(act(mediating(), { type: 'void', reason: '重复登记' }, staff, '2025-11-10T11:00:00'))).toBe(
      'wrong_status',
    );
    expect(refusal(act(registered(), { type: 'void', reason: '' }, staff, '2025-11-10T09:10:00'))).toBe('missing_text');
  });

  it('lets a major case skip straight from the group to the town', () => {
    const outcome = ok(
      act(registered({ major: true }), { type: 'skip', to: 'town_centre' }, staff, '2025-11-10T09:10:00'),
    );
    expect(outcome.state).toMatchObject({
      status: 'registered',
      level: 'town_centre',
      escalations: 1,
      previousLevel: 'group',
    });
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-12T17:30:00'));
  });

  it('refuses a skip for an ordinary case, or one that only goes one level up', () => {
    expect(refusal(act(registered(), { type: 'skip', to: 'town_centre' }, staff, '2025-11-10T09:10:00'))).toBe(
      'not_major',
    );
    expect(
      refusal(act(registered({ major: true }), { type: 'skip', to: 'village' }, staff, '2025-11-10T09:10:00')),
    ).toBe('bad_target_level');
  });

  it('extends the stage by working days when a town leader approves, moving the warning point too', () => {
    const state = mediating(); // stage from Monday 09:00, due Tuesday 17:30
    const outcome = ok(act(state, { type: 'extend', days: 2 }, leader, '2025-11-11T10:00:00'));
    expect(outcome.state.stageDueAt).toEqual(china('2025-11-13T17:30:00'));
    // Stage now Monday 09:00 → Thursday 17:30: 8.5 + 9 + 9 + 9 = 35.5 working hours; 70 % = 24 h 51 min,
    // reached 7 h 21 min into Wednesday.
    expect(outcome.state.stageWarnAt).toEqual(china('2025-11-12T15:51:00'));
    expect(outcome.step).toMatchObject({
      action: 'extend',
      note: '+2',
      fromStatus: 'mediating',
      toStatus: 'mediating',
    });
  });

  it('refuses an extension the grid staff asks for themselves, or of an unreasonable length', () => {
    expect(refusal(act(mediating(), { type: 'extend', days: 1 }, staff, '2025-11-11T10:00:00'))).toBe(
      'role_not_allowed',
    );
    expect(refusal(act(mediating(), { type: 'extend', days: 0 }, leader, '2025-11-11T10:00:00'))).toBe('bad_extension');
    expect(refusal(act(mediating(), { type: 'extend', days: 6 }, leader, '2025-11-11T10:00:00'))).toBe('bad_extension');
  });

  it('refuses an action dated before the case’s last recorded step', () => {
    expect(refusal(act(mediating(), { type: 'resolve' }, staff, '2025-11-10T08:00:00'))).toBe('time_before_last_step');
  });

  it('refuses a note longer than 500 characters', () => {
    expect(refusal(act(mediating(), { type: 'resolve', note: '调'.repeat(501) }, staff, '2025-11-10T16:00:00'))).toBe(
      'note_too_long',
    );
  });

  it('never changes the state it was given', () => {
    const state = mediating();
    const copy = structuredClone(state);
    ok(act(state, { type: 'escalate' }, staff, '2025-11-10T15:00:00'));
    expect(state).toEqual(copy);
  });
});
