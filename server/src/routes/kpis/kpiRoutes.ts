import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { gridKpis } from '../../repos/kpis/kpiRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { GridKpis, KpiQuery } from '../../contract/kpis.js';

/** Kept for the web's type-only import until it uses `@contract/kpis.js`. */

export const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Command-centre figures of a grid (指挥中心指标)',
        description:
          'Counts and shares for the wall display, read now. Month and day follow China time. No personal data.' +
          SCOPED_LIST_RULE,
        querystring: KpiQuery,
        response: { 200: GridKpis, ...gridErrorReplies },
      },
    },
    async (request) => {
      const grid = scopedGrid(request, await currentGrid(app.db.sql, request.query.scope));
      const now = new Date();
      return { scope: grid.code, at: now.toISOString(), ...(await gridKpis(app.db.sql, grid, now)) };
    },
  );
};
