import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerOf } from '../../auth/requestViewer.js';
import { searchGridmap } from '../../repos/grids/searchRepo.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { SearchQuery, SearchReply } from '../../contract/search.js';

/** One search box for grids, streets and cases, inside the viewer's scope (issue #4). */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Find grids (name or code), responsibility streets (name) and cases (serial)',
        description:
          'At most `limit` (20) results, exact before prefix before substring matches, then grids before streets before cases and higher levels first. Grid names and street names match anywhere in the name; digits match grid codes and case serials by prefix. Only what lies inside the caller’s scope. Each result has a `bbox` to fly to and the grid to drill to.',
        querystring: SearchQuery,
        response: { 200: SearchReply, 400: ErrorReply('`q` is missing, empty or too long; the message names it') },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const { q, limit = 20 } = request.query;
      if (q.trim() === '') throw new BadRequestError('querystring parameter "q" must not be blank');
      return { q, results: await searchGridmap(app.db.sql, viewer.scope, q, limit) };
    },
  );
};
