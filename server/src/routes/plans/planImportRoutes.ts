import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { requireGridInScope, requireRole } from '../../auth/requestViewer.js';
import { PlanError } from '../../domain/plan/planError.js';
import { importPlan } from '../../repos/plans/planImportRepo.js';
import { planWriters } from './planAccess.js';
import { planErrorReply } from './planErrorReply.js';
import { PlanErrorReply, PlanImportBody, PlanImportReply } from '../../contract/plan.js';
import { multipartFields } from '../../http/multipartFields.js';

/** An import file may be this large (a county's groups at full detail are ~5 MB of GeoJSON). */
export const importBodyLimit = 20 * 1024 * 1024;

/** Import a plan from a GeoJSON file (issue #5 part 6), as JSON or multipart/form-data. */
export const planImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error: FastifyError | PlanError, _request, reply) => planErrorReply(error, reply));
  // Multipart: fields scope, name, crs and the file (field `file` or `geojson`), read as text.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: importBodyLimit },
    (request, body, done) => {
      try {
        const fields = multipartFields(String(request.headers['content-type']), body as Buffer);
        done(null, { ...fields, geojson: fields['geojson'] ?? fields['file'] });
      } catch (error) {
        done(new PlanError(400, `the multipart body could not be read: ${(error as Error).message}`), undefined);
      }
    },
  );

  app.post(
    '/api/plans/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['plans'],
        summary: 'Start a plan from a GeoJSON file; each feature is checked and rejected with its reason',
        description:
          'Features with a `code` of the plan’s grids replace that grid’s outline; features without one become new grids (next unused code). Grids of an imported level missing from the file are removed. Nothing is stored when no feature can be imported.',
        body: PlanImportBody,
        response: {
          201: PlanImportReply,
          400: PlanErrorReply,
          403: PlanErrorReply,
          404: PlanErrorReply,
          413: PlanErrorReply,
          422: PlanErrorReply,
        },
      },
    },
    async (request, reply) => {
      requireRole(request, planWriters);
      const viewer = requireGridInScope(request, request.body.scope);
      const result = await importPlan(app.db, request.body, viewer);
      return reply.code(201).send(result);
    },
  );
};
