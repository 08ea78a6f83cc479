import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listCaseCategories } from '../../repos/cases/caseCategoryRepo.js';
import { CaseCategoryList } from '../../contract/caseCategories.js';

/** Kept for the web's type-only imports until they use `@contract/caseCategories.js`. */

/** The configurable case categories (矛盾纠纷类别) a report picks from. */
export const caseCategoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/case-categories',
    {
      schema: {
        tags: ['cases'],
        summary: 'Case categories (事件类别)',
        description: 'The categories a case report may name, in the order the county configured.',
        response: { 200: CaseCategoryList },
      },
    },
    async () => listCaseCategories(app.db.sql),
  );
};
