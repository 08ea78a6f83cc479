import { describe, expect, it } from 'vitest';
import { autoEscalationAt, GAOTAI_CASE_DEADLINES } from '../../server/src/domain/caseDeadline.js';
import { CASE_LEVELS, type CaseLevel } from '../../server/src/domain/caseLevel.js';
import { isOpenCaseStatus } from '../../server/src/domain/caseLifecycle.js';
import { chinaOfficialCalendar } from '../../server/src/domain/holidayCalendar.js';
import { tellCaseStory, type CaseOutcomePlan, type CaseStoryPlan } from '../../server/src/seed/caseStories.js';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';

const now = new Date('2026-11-18T06:00:00Z'); // a Wednesday, 14:00 in China

function stories(seed: number, count: number) {
  const random = mulberry32(seed);
  const world = {
    calendar: chinaOfficialCalendar,
    config: GAOTAI_CASE_DEADLINES,
    now,
    random,
    actor: (role: 'county_admin' | 'town_leader' | 'village_cadre' | 'grid_staff' | 'system') => ({
      role,
      memberId: role === 'grid_staff' ? 7 : null,
    }),
  };
  const level = (): CaseLevel => CASE_LEVELS[Math.floor(random() * 4)]!;
  const outcomes: CaseOutcomePlan[] = ['resolved', 'resolved', 'resolved', 'transferred', 'voided'];
  return Array.from({ length: count }, () => {
    const entryLevel = level();
    const plan: CaseStoryPlan = {
      category: 'neighbour_dispute',
      major: random() < 0.2,
      reportedAt: new Date(now.getTime() - random() * 40 * 86_400_000),
      entryLevel,
      targetLevel: level(),
      outcome: outcomes[Math.floor(random() * outcomes.length)]!,
      transferTo: '县人民法院',
      lateShare: 0.3,
      reopenShare: 0.2,
    };
    return { plan, story: tellCaseStory(plan, world) };
  });
}

describe('tellCaseStory', () => {
  const told = stories(7, 400);

  it('starts every log with the registration and chains each step from the one before', () => {
    for (const { story } of told) {
      expect(story.steps[0]).toMatchObject({ action: 'register', fromStatus: null, fromLevel: null });
      for (let i = 1; i < story.steps.length; i++) {
        const before = story.steps[i - 1]!;
        const step = story.steps[i]!;
        expect(step.fromStatus).toBe(before.toStatus);
        expect(step.fromLevel).toBe(before.toLevel);
        expect(step.at.getTime()).toBeGreaterThanOrEqual(before.at.getTime());
      }
      const last = story.steps[story.steps.length - 1]!;
      expect([last.toStatus, last.toLevel]).toEqual([story.state.status, story.state.level]);
    }
  });

  it('tells nothing that happens after now', () => {
    for (const { story } of told)
      for (const step of story.steps) expect(step.at.getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('leaves no open case below the top level past the time the system would have escalated it', () => {
    const open = told.filter(
      ({ story }) => isOpenCaseStatus(story.state.status) && story.state.level !== 'town_centre',
    );
    expect(open.length).toBeGreaterThan(0);
    for (const { story } of open) {
      expect(
        autoEscalationAt(story.state.stageDueAt!, GAOTAI_CASE_DEADLINES, chinaOfficialCalendar).getTime(),
      ).toBeGreaterThan(now.getTime());
    }
  });

  it('tells every kind of step the lifecycle has', () => {
    const actions = new Set(told.flatMap(({ story }) => story.steps.map((step) => step.action)));
    for (const action of [
      'register',
      'accept',
      'mediate',
      'escalate',
      'hand_down',
      'send_back',
      'resolve',
      'close',
      'reopen',
      'transfer',
      'void',
      'skip',
      'extend',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('hands a case reported at the town down to the village it is meant for', () => {
    const handed = told.filter(
      ({ plan, story }) =>
        plan.entryLevel === 'town_centre' &&
        plan.targetLevel === 'village' &&
        plan.outcome === 'resolved' &&
        story.steps.length > 2,
    );
    expect(handed.length).toBeGreaterThan(0);
    for (const { story } of handed)
      expect(story.steps[2]).toMatchObject({ action: 'hand_down', toLevel: 'village', actorRole: 'town_leader' });
  });

  it('tells the same stories from the same seed', () => {
    const again = stories(7, 400);
    expect(again.map(({ story }) => story.steps)).toEqual(told.map(({ story }) => story.steps));
  });
});
