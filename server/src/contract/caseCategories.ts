import { Type, type Static } from 'typebox';

/** `GET /api/case-categories`: the configurable case categories (矛盾纠纷类别) a report picks from. */
export const CaseCategory = Type.Object({
  code: Type.String({ description: 'the code `POST /api/cases` takes as `category`' }),
  nameZh: Type.String({ description: 'name in zh-CN' }),
  nameEn: Type.String({ description: 'name in English' }),
});
export type CaseCategory = Static<typeof CaseCategory>;

export const CaseCategoryList = Type.Array(CaseCategory, { description: 'in the configured order' });
export type CaseCategoryList = Static<typeof CaseCategoryList>;
