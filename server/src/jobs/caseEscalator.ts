import fp from 'fastify-plugin';
import { EventEmitter } from 'node:events';
import type { Database } from '../db/database.js';
import { GAOTAI_CASE_DEADLINES } from '../domain/caseDeadline.js';
import { SYSTEM_ACTOR } from '../domain/caseLifecycle.js';
import { chinaOfficialCalendar } from '../domain/holidayCalendar.js';
import type { WorkingDayCalendar } from '../domain/workingDays.js';
import { actOnCase } from '../repos/cases/caseActionRepo.js';
import { overdueCases, type OverdueCandidate } from '../repos/cases/caseOverdueRepo.js';

/**
 * Automatic escalation (自动上报, DOMAIN.md "Cases"): a stage still open past its deadline and its
 * grace time moves ONE level up, with a `system` step and a `case` event. Exactly once, even with
 * several server instances on one PostgreSQL: each case is taken in its own transaction with
 * `FOR UPDATE SKIP LOCKED`, and the lifecycle re-judges the locked (latest) row — a case another
 * instance has just escalated has a fresh stage clock and is no longer overdue. The top level
 * (town governance centre) stays red until a person acts.
 */
export interface EscalationOptions {
  /** The instant judged against (tests choose it); default now. */
  now?: Date;
  calendar?: WorkingDayCalendar;
  /** Candidates read per query. Default 200. */
  batchSize?: number;
}

export interface EscalationRun {
  /** Serials escalated by this run, in deadline order. */
  escalated: string[];
}

export async function escalateOverdueCases(db: Database, options: EscalationOptions = {}): Promise<EscalationRun> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? chinaOfficialCalendar;
  const batchSize = options.batchSize ?? 200;
  // Working time never runs faster than the wall clock, so a stage due after this instant cannot be
  // past its grace yet: a cheap index bound; the lifecycle decides the rest (holidays, nights).
  const dueBefore = new Date(now.getTime() - GAOTAI_CASE_DEADLINES.autoEscalationGraceWorkingMs);
  const escalated: string[] = [];
  let after: OverdueCandidate | null = null;
  for (;;) {
    const candidates = await overdueCases(db.sql, dueBefore, batchSize, after);
    for (const candidate of candidates) {
      const result = await actOnCase(db, candidate.serial, { type: 'escalate', note: '超期自动上报' }, SYSTEM_ACTOR, {
        now,
        calendar,
        skipLocked: true,
      });
      if (result.ok) escalated.push(candidate.serial);
    }
    if (candidates.length < batchSize) return { escalated };
    after = candidates[candidates.length - 1]!;
  }
}

export interface CaseEscalationOptions {
  /** Milliseconds between runs; 0 = no timer (API tests call {@link escalateOverdueCases} directly). */
  intervalMs: number;
  /** The time each run judges against; default the system clock. */
  clock?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Emits `run` with each timer run's {@link EscalationRun} (for logs, metrics and tests). */
    caseEscalation: EventEmitter<{ run: [EscalationRun] }>;
  }
}

/**
 * Runs {@link escalateOverdueCases} every `intervalMs` while the app is up; a run never overlaps
 * the previous one, and closing the app waits for the run in progress.
 */
export const caseEscalation = fp<CaseEscalationOptions>(
  async (app, options) => {
    const runs = new EventEmitter<{ run: [EscalationRun] }>();
    app.decorate('caseEscalation', runs);
    if (!(options.intervalMs > 0)) return;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> | null = null;
    let closed = false;
    const schedule = () => {
      if (closed) return;
      timer = setTimeout(() => {
        running = escalateOverdueCases(app.db, {
          now: (options.clock ?? (() => new Date()))(),
          calendar: app.calendar,
        })
          .then((run) => {
            if (run.escalated.length > 0) app.log.info({ escalated: run.escalated }, 'cases: escalated overdue stages');
            runs.emit('run', run);
          })
          .catch((error: unknown) =>
            app.log.error({ err: error }, 'cases: automatic escalation failed; retrying next interval'),
          )
          .finally(() => {
            running = null;
            schedule();
          });
      }, options.intervalMs);
      timer.unref();
    };
    app.addHook('onReady', async () => schedule());
    app.addHook('onClose', async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    });
  },
  { name: 'gridmap-case-escalation', decorators: { fastify: ['db'] } },
);
