import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { scopedGrid } from '../../auth/requestViewer.js';
import { caseListRows, type CaseListRow } from '../../repos/cases/caseRepo.js';
import { caseListFiltersOf } from './caseListFilters.js';
import { CaseListCsv, CaseQuery } from '../../contract/cases.js';
import { csvText, sendCsv } from '../../http/csvReply.js';
import { currentGrid } from '../../http/currentGrid.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { MAX_LIMIT } from '../../contract/gridCode.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';

const levelNames: Record<string, string> = {
  group: '组',
  village: '村',
  town_justice: '镇司法所',
  town_centre: '镇综治中心',
};
const statusNames: Record<string, string> = {
  registered: '登记',
  accepted: '受理',
  mediating: '调解中',
  resolved: '待回访',
  closed: '结案',
  transferred: '转办',
  voided: '作废',
};
const deadlineNames: Record<CaseListRow['deadlineState'], string> = { green: '正常', yellow: '临期', red: '超期' };

export const CASE_CSV_HEADER = [
  '编号',
  '类别',
  '村',
  '组',
  '办理层级',
  '状态',
  '期限状态',
  '登记时间(北京时间)',
  '本级期限(北京时间)',
] as const;

/** The case list as CSV (no personal data: no reporter, parties, summary or photo). */
export function caseListCsv(rows: readonly CaseListRow[]): string {
  return csvText(
    CASE_CSV_HEADER,
    rows.map((row) => [
      row.serial,
      row.categoryName,
      row.villageName,
      row.groupName,
      levelNames[row.level] ?? row.level,
      statusNames[row.status] ?? row.status,
      deadlineNames[row.deadlineState],
      row.reportedAt,
      row.stageDueAt,
    ]),
  );
}

export const caseListCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cases.csv',
    {
      schema: {
        tags: ['cases'],
        summary: 'The case list of a grid as CSV (UTF-8 with BOM, Chinese headers)',
        description:
          `The same filters and order as \`GET /api/cases\`; \`limit\` defaults to ${MAX_LIMIT}. Columns: ${CASE_CSV_HEADER.join(', ')}. No personal data. The header \`x-truncated: true\` says more cases matched than \`limit\`.` +
          SCOPED_LIST_RULE,
        querystring: CaseQuery,
        response: { 200: CaseListCsv, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, status = 'open', limit = MAX_LIMIT } = request.query;
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      const filters = await caseListFiltersOf(app.db.sql, request.query);
      const { rows, truncated } = await caseListRows(app.db.sql, target.scope, status, limit, filters);
      reply.header('x-truncated', String(truncated));
      return sendCsv(reply, `cases-${target.code}.csv`, caseListCsv(rows));
    },
  );
};
