import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { caseCollectionJson } from '../../repos/cases/caseRepo.js';
import { caseListFiltersOf } from './caseListFilters.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { DEFAULT_LIMIT } from '../../contract/gridCode.js';
import { CaseCollection, CaseQuery } from '../../contract/cases.js';

/** Kept for the web's type-only import until it uses `@contract/cases.js`. */

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
