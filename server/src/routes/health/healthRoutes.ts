import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { calendarCoverage, calendarWarning } from '../../domain/calendarCoverage.js';
import { HealthReply } from '../../contract/health.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['system'], response: { 200: HealthReply } } }, async () => {
    await app.db.sql`SELECT 1`;
    const coverage = calendarCoverage(app.calendar, new Date());
    const warning = calendarWarning(coverage);
    return {
      ok: true,
      database: app.db.kind,
      calendar: warning ? { coveredUntil: coverage.coveredUntil, warning } : { coveredUntil: coverage.coveredUntil },
    };
  });
};
