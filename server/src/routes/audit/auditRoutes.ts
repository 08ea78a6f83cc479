import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth/requestViewer.js';
import { AUDIT_ROLES } from '../../domain/accessRole.js';
import { listAudit, type AuditFilter } from '../../repos/audit/auditRepo.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { csvText, sendCsv } from '../../http/csvReply.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { AUDIT_DEFAULT_PAGE, AuditPage, AuditQuery } from '../../contract/audit.js';

/** A CSV export holds at most this many entries (newest first); narrow the period for more. */
const MAX_EXPORT = 50_000;

const refusals = {
  400: ErrorReply('a filter is malformed; the message names it'),
  401: ErrorReply('not signed in'),
  403: ErrorReply('only auditors and the county administrator read the audit trail'),
};

function filterOf(query: AuditQuery, limit: number): AuditFilter {
  const instant = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw new BadRequestError(`querystring parameter "${name}" must be a date-time`);
    return new Date(time);
  };
  const filter: AuditFilter = { limit };
  const from = instant(query.from, 'from');
  const to = instant(query.to, 'to');
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (query.actor) filter.actor = query.actor;
  if (query.action) filter.action = query.action;
  if (query.entity) filter.entity = query.entity;
  if (query.entityKey) filter.entityKey = query.entityKey;
  if (query.before !== undefined) filter.before = query.before;
  return filter;
}

/** The audit trail for auditors (and the county administrator): browse and export. Read-only: the table refuses changes. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (审计日志), newest first',
        description:
          'Who did what, when, to which record, with the state before and after. Filters combine; page with `before` = the previous page’s `next`. Only entries of grids inside the caller’s scope (a county’s auditor reads nothing of another county) and those of the whole deployment (the calendar).',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...refusals },
      },
    },
    async (request) => {
      const viewer = requireRole(request, AUDIT_ROLES);
      const limit = request.query.limit ?? AUDIT_DEFAULT_PAGE;
      // One more than asked tells whether an older page exists.
      const rows = await listAudit(app.db.sql, { ...filterOf(request.query, limit + 1), within: viewer.scope });
      const entries = rows.slice(0, limit);
      const next = rows.length > limit ? entries.at(-1)?.id : undefined;
      return next === undefined ? { entries } : { entries, next };
    },
  );

  app.get(
    '/api/audit.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail as CSV (UTF-8 with BOM, opens in Excel)',
        description: `The same filters as /api/audit (\`limit\` and \`before\` ignored); at most ${MAX_EXPORT} entries, newest first. Before and after are JSON text.`,
        querystring: AuditQuery,
        response: { ...refusals },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request, AUDIT_ROLES);
      const { before: _before, limit: _limit, ...filters } = request.query;
      const rows = await listAudit(app.db.sql, { ...filterOf(filters, MAX_EXPORT), within: viewer.scope });
      const body = csvText(
        ['id', 'at', 'actor', 'role', 'action', 'entity', 'entity_key', 'before', 'after', 'ip'],
        rows.map((row) => [
          row.id,
          row.at,
          row.actor?.username ?? null,
          row.actor?.role ?? null,
          row.action,
          row.entity,
          row.entityKey,
          row.before === null ? null : JSON.stringify(row.before),
          row.after === null ? null : JSON.stringify(row.after),
          row.ip,
        ]),
      );
      return sendCsv(reply, 'gridmap-audit.csv', body);
    },
  );
};
