import { Type, type Static } from 'typebox';

/** The audit trail (`GET /api/audit`, `GET /api/audit.csv`): who did what, when, to which record. */

export const AUDIT_DEFAULT_PAGE = 100;
export const AUDIT_MAX_PAGE = 1_000;

export const AuditQuery = Type.Object({
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
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_MAX_PAGE, default: AUDIT_DEFAULT_PAGE })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'paging: the `next` of the previous page' })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
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
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  next: Type.Optional(
    Type.Integer({ description: 'pass as `before` for the next (older) page; absent on the last page' }),
  ),
});
export type AuditPage = Static<typeof AuditPage>;
