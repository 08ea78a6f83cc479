import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { requireGridInScope, requireRole } from '../../auth/requestViewer.js';
import { PlanError } from '../../domain/plan/planError.js';
import { importPlan } from '../../repos/plans/planImportRepo.js';
import { planWriters } from './planAccess.js';
import { planErrorReply } from './planErrorReply.js';
import { PlanErrorReply } from '../../contract/plan.js';
import { multipartFields } from '../../http/multipartFields.js';

/** An import file may be this large (a county's groups at full detail are ~5 MB of GeoJSON). */
export const importBodyLimit = 20 * 1024 * 1024;

const ImportBody = Type.Object({
  scope: Type.String({ pattern: '^[0-9]{12}$', description: 'the town or village the plan redraws' }),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  crs: Type.Optional(
    Type.Enum(['WGS84', 'CGCS2000', 'GCJ-02'], {
      description: 'the file’s coordinates; GCJ-02 (Gaode / Tencent) is converted to WGS84. Default WGS84',
    }),
  ),
  geojson: Type.Unknown({
    description: 'a GeoJSON FeatureCollection of Polygon / MultiPolygon grids (object or text)',
  }),
});

const ImportReply = Type.Object({
  id: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Array(
    Type.Object({ index: Type.Integer(), code: Type.Optional(Type.String()), reason: Type.String() }),
  ),
});

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
        body: ImportBody,
        response: {
          201: ImportReply,
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
