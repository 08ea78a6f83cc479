import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { PlanError } from '../../domain/plan/planError.js';
import { planExportJson } from '../../repos/grids/gridVersionRepo.js';
import { planImpact } from '../../repos/plans/planImpactRepo.js';
import { publishPlan } from '../../repos/plans/planPublishRepo.js';
import { forgetPlanState } from '../../repos/plans/planStateRepo.js';
import { sendJsonText } from '../../http/jsonText.js';
import { planFor } from './planAccess.js';
import { planErrorReply } from './planErrorReply.js';
import { PlanErrorReply, PlanIdParams, PlanImpact, PlanPublishReply } from '../../contract/plan.js';

const refusals = { 403: PlanErrorReply, 404: PlanErrorReply, 409: PlanErrorReply, 422: PlanErrorReply };

/** Impact preview, publish and export of a plan (issue #5 parts 4–6). */
export const planPublishRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error: FastifyError | PlanError, _request, reply) => planErrorReply(error, reply));

  app.get(
    '/api/plans/:id/impact',
    {
      schema: {
        tags: ['plans'],
        summary:
          'What publishing would change: households, streets, cameras, staff and open cases changing grid; grids added, removed, redrawn',
        params: PlanIdParams,
        response: { 200: PlanImpact, ...refusals },
      },
    },
    async (request) => {
      const { plan } = await planFor(app, request, request.params.id, 'read');
      return planImpact(app.db.sql, plan);
    },
  );

  app.post(
    '/api/plans/:id/publish',
    {
      schema: {
        tags: ['plans'],
        summary: 'Publish the plan in one transaction (422 with the problems when validation fails)',
        description:
          'New grid version, reassignments, audit entry and one live `grid` event, all or nothing. Open cases move to their new group; closed cases keep the grid they happened in.',
        params: PlanIdParams,
        response: { 200: PlanPublishReply, ...refusals },
      },
    },
    async (request) => {
      const { viewer } = await planFor(app, request, request.params.id, 'write');
      const result = await publishPlan(app.db, request.params.id, viewer);
      forgetPlanState(app.db, request.params.id);
      app.tileCache.invalidate();
      return result;
    },
  );

  app.get(
    '/api/plans/:id/export',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plan’s grids as a GeoJSON FeatureCollection download',
        params: PlanIdParams,
      },
    },
    async (request, reply) => {
      await planFor(app, request, request.params.id, 'read');
      reply.header('content-disposition', `attachment; filename="plan-${request.params.id}.geojson"`);
      return sendJsonText(reply.type('application/geo+json'), await planExportJson(app.db.sql, request.params.id));
    },
  );
};
