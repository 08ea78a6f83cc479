import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export const HealthReply = Type.Object({
  ok: Type.Boolean(),
  database: Type.Union([Type.Literal('postgres'), Type.Literal('embedded')]),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['system'], response: { 200: HealthReply } } }, async () => {
    await app.db.sql`SELECT 1`;
    return { ok: true, database: app.db.kind };
  });
};
