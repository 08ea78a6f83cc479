import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { requireRole } from '../../auth/requestViewer.js';
import { AUDIT_ROLES } from '../../domain/accessRole.js';
import { listAudit, type AuditFilter } from '../../repos/audit/auditRepo.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { csvText, sendCsv } from '../../http/csvReply.js';
import { ErrorReply } from '../../contract/errorReply.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1_000;
/** A CSV export holds at most this many entries (newest first); narrow the period for more. */
const MAX_EXPORT = 50_000;

const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'entries at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'entries before this instant' })),
  actor: Type.Optional(Type.String({ maxLength: 64, description: 'the acting account’s username' })),
  action: Type.Optional(
    Type.String({
      pattern: '^[a-z_]+(\\.[a-z_]+)*$',
      maxLength: 64,
      description: 'an action (`case.accept`) or a family (`case`: every `case.*`)',
    }),
  ),
  entity: Type.Optional(
    Type.String({ maxLength: 32, description: 'case, camera, patrol, account, household, member, plan …' }),
  ),
  entityKey: Type.Optional(Type.String({ maxLength: 128, description: 'a case serial, a username, an id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'paging: the `next` of the previous page' })),
});

const AuditEntryReply = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ username: Type.String(), role: Type.String() }), Type.Null()], {
    description: 'null for the system (automatic escalation) and failed sign-ins',
  }),
  action: Type.String(),
  entity: Type.String(),
  entityKey: Type.String(),
  before: Type.Unknown({ description: 'the state before (null for a creation or a read)' }),
  after: Type.Unknown({
    description: 'the state after; for personal_data.unmask the fields shown, never their values',
  }),
  ip: Type.Union([Type.String(), Type.Null()]),
});

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntryReply),
  next: Type.Optional(
    Type.Integer({ description: 'pass as `before` for the next (older) page; absent on the last page' }),
  ),
});

/** The reply, typed for the web client (import type-only). */
export type AuditPage = Static<typeof AuditPage>;

const refusals = {
  400: ErrorReply('a filter is malformed; the message names it'),
  401: ErrorReply('not signed in'),
  403: ErrorReply('only auditors and the county administrator read the audit trail'),
};

function filterOf(query: Static<typeof AuditQuery>, limit: number): AuditFilter {
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
          'Who did what, when, to which record, with the state before and after. Filters combine; page with `before` = the previous page’s `next`.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...refusals },
      },
    },
    async (request) => {
      requireRole(request, AUDIT_ROLES);
      const limit = request.query.limit ?? DEFAULT_PAGE;
      // One more than asked tells whether an older page exists.
      const rows = await listAudit(app.db.sql, filterOf(request.query, limit + 1));
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
      requireRole(request, AUDIT_ROLES);
      const { before: _before, limit: _limit, ...filters } = request.query;
      const rows = await listAudit(app.db.sql, filterOf(filters, MAX_EXPORT));
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
