import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { calendarCoverage, calendarWarning } from '../../domain/calendarCoverage.js';

export const HealthReply = Type.Object({
  ok: Type.Boolean(),
  database: Type.Union([Type.Literal('postgres'), Type.Literal('embedded')]),
  calendar: Type.Object({
    coveredUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    warning: Type.Optional(Type.String({ description: 'present when the next 60 days are not all covered' })),
  }),
});

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
