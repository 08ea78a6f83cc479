import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { listCaseCategories } from '../../repos/cases/caseCategoryRepo.js';

export const CaseCategory = Type.Object({
  code: Type.String({ description: 'the code `POST /api/cases` takes as `category`' }),
  nameZh: Type.String({ description: 'name in zh-CN' }),
  nameEn: Type.String({ description: 'name in English' }),
});

export const CaseCategoryList = Type.Array(CaseCategory, { description: 'in the configured order' });

/** The reply, typed for the web client (import type-only). */
export type CaseCategoryList = Static<typeof CaseCategoryList>;

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
