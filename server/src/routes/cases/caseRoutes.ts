import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { caseCollectionJson } from '../../repos/cases/caseRepo.js';
import { caseListFiltersOf } from './caseListFilters.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { Feature, LimitedFeatureCollection, PointGeometry } from '../../contract/geojson.js';
import { DEFAULT_LIMIT, GridLayerQuery } from '../../contract/gridCode.js';
import { CaseListFilters } from '../../contract/dossier.js';

const CaseFeature = Feature(
  PointGeometry,
  Type.Object({
    serial: Type.String({ description: 'county code + YYYYMMDD + 5-digit sequence' }),
    category: Type.String(),
    categoryName: Type.String({ description: 'category name (zh-CN)' }),
    status: Type.Enum(['registered', 'accepted', 'mediating', 'resolved', 'closed', 'transferred', 'voided']),
    level: Type.Enum(['group', 'village', 'town_justice', 'town_centre'], {
      description: 'level now handling the case',
    }),
    deadlineState: Type.Enum(['green', 'yellow', 'red'], {
      description:
        'stage clock: yellow from 70 % of the time allowed, red when overdue; green otherwise and for a case no longer open',
    }),
    reportedAt: Type.String({ format: 'date-time' }),
    stageWarnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'when the stage turns yellow (70 % of its working time)',
    }),
    stageDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    summary: Type.String(),
    major: Type.Boolean({ description: 'major or urgent (may skip levels)' }),
    groupCode: Type.String(),
  }),
  Type.String(),
);

export const CaseCollection = LimitedFeatureCollection(CaseFeature, 'cases');

/** The reply, typed for the web client (import type-only). */
export type CaseCollection = Static<typeof CaseCollection>;

export const CaseQuery = Type.Object({
  ...GridLayerQuery.properties,
  ...CaseListFilters,
  status: Type.Optional(
    Type.Enum(['open', 'overdue', 'closed', 'all'], {
      default: 'open',
      description:
        'open: registered, accepted or mediating; overdue: open and past the stage deadline; closed: closed after follow-up; all: every case',
    }),
  ),
});

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases in a grid (矛盾纠纷、事件)',
        description:
          'Points, newest first. No personal data: no reporter, parties or photo. `category`, `level`, `from` and `to` (China dates of the report, inclusive) narrow the list; `GET /api/cases.csv` exports it.' +
          SCOPED_LIST_RULE,
        querystring: CaseQuery,
        response: { 200: CaseCollection, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, status = 'open', limit = DEFAULT_LIMIT } = request.query;
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      const filters = await caseListFiltersOf(app.db.sql, request.query);
      return sendJsonText(reply, await caseCollectionJson(app.db.sql, target.scope, status, limit, filters));
    },
  );
};
