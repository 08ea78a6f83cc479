import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { Viewer } from '../../domain/accessRole.js';
import { gridCodePrefix, type GridCode } from '../../domain/gridCode.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import type { AuditEntry as AuditTrailEntry } from '../../contract/audit.js';

/** One change to record in the audit trail: who, what, before and after. */
export interface AuditEntry {
  /** null for the system (automatic escalation, seed). */
  actor: Viewer | null;
  /** e.g. `case.action`, `plan.publish`, `personal_data.unmask`, `session.login`. */
  action: string;
  /** The kind of thing changed: `case`, `plan`, `grid`, `household`, `account`, … */
  entity: string;
  /** Its key: a case serial, plan id, grid code. */
  entityKey: string;
  before: unknown;
  after: unknown;
  /** The client's address; defaults to the actor's (`viewer.ip`, set by the session plugin). */
  ip?: string | null;
  /**
   * The grid the change concerns (a case's group, a patrol's village, an account's scope), which
   * decides who may read the entry (migration 012); defaults to the actor's scope. Null: the whole
   * deployment (the calendar), readable to every audit role.
   */
  place?: string | null;
}

/**
 * Appends an entry to the audit trail, inside the caller's transaction so the change and its record
 * commit together (a rolled-back write leaves no entry; an entry never lacks its change). The table
 * refuses UPDATE and DELETE (migration 004). Before/after go as JSON text cast to jsonb (postgres.js
 * would encode a string bound as jsonb a second time); `undefined` is stored as SQL null.
 */
export async function recordAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  const actor = entry.actor;
  await sql`
    INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity, entity_key, before, after, ip, scope_code)
    VALUES (${actor?.accountId ?? null}, ${actor?.username ?? null}, ${actor?.role ?? null},
            ${entry.action}, ${entry.entity}, ${entry.entityKey},
            ${jsonText(entry.before)}::text::jsonb, ${jsonText(entry.after)}::text::jsonb,
            ${entry.ip ?? actor?.ip ?? null}, ${entry.place !== undefined ? entry.place : (actor?.scope.code ?? null)})`;
}

/**
 * {@link recordAudit} as one step of a larger statement (a case write's, repos/cases/caseWriteStatement.ts):
 * `INSERT INTO audit_log … SELECT … FROM <from>`, the entity key an SQL expression over `from`.
 */
export function auditInsertFrom(entry: Omit<AuditEntry, 'entityKey'>, entityKey: SqlQuery, from: SqlQuery): SqlQuery {
  const actor = entry.actor;
  return sqlPart`
    INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity, entity_key, before, after, ip, scope_code)
    SELECT ${actor?.accountId ?? null}::bigint, ${actor?.username ?? null}::text, ${actor?.role ?? null}::text,
      ${entry.action}::text, ${entry.entity}::text, ${entityKey},
      ${jsonText(entry.before)}::text::jsonb, ${jsonText(entry.after)}::text::jsonb,
      ${entry.ip ?? actor?.ip ?? null}::text, ${entry.place !== undefined ? entry.place : (actor?.scope.code ?? null)}::text
    FROM ${from}`;
}

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export interface AuditFilter {
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
  /** The actor's username. */
  actor?: string;
  /** An action (`case.action`) or an action family (`case`: every `case.*`). */
  action?: string;
  entity?: string;
  entityKey?: string;
  /** Paging: entries with an id below this one (the `next` of the previous page). */
  before?: number;
  limit: number;
  /**
   * Only entries of grids inside this one, and those of the whole deployment (the reader's scope:
   * a county's auditor reads nothing of another county). Absent: every entry (operators' tools).
   */
  within?: GridCode;
}

/** An entry as read: the shape `GET /api/audit` replies with. */
export type AuditRow = AuditTrailEntry;

/** Entries newest first (by id: ids follow commit order closely enough for browsing; `at` is shown). */
export async function listAudit(sql: Sql, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SqlQuery[] = [sqlPart`TRUE`];
  if (filter.from) conditions.push(sqlPart`a.at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sqlPart`a.at < ${filter.to.toISOString()}::timestamptz`);
  if (filter.actor) conditions.push(sqlPart`a.actor_username = ${filter.actor}`);
  if (filter.action) {
    conditions.push(
      filter.action.includes('.')
        ? sqlPart`a.action = ${filter.action}`
        : sqlPart`a.action LIKE ${`${filter.action.replace(/[\\%_]/g, '\\$&')}.%`}`,
    );
  }
  if (filter.entity) conditions.push(sqlPart`a.entity = ${filter.entity}`);
  if (filter.entityKey) conditions.push(sqlPart`a.entity_key = ${filter.entityKey}`);
  if (filter.before !== undefined) conditions.push(sqlPart`a.id < ${filter.before}`);
  if (filter.within) {
    // Codes are digits only: the prefix needs no LIKE escaping.
    conditions.push(sqlPart`(a.scope_code IS NULL OR a.scope_code LIKE ${`${gridCodePrefix(filter.within)}%`})`);
  }
  const rows = await sql.query<{
    id: number;
    at: string;
    actorUsername: string | null;
    actorRole: string | null;
    action: string;
    entity: string;
    entityKey: string;
    before: string | null;
    after: string | null;
    ip: string | null;
  }>(sqlPart`
    SELECT a.id, ${isoTimestampSql('a.at')} AS at, a.actor_username AS "actorUsername", a.actor_role AS "actorRole",
           a.action, a.entity, a.entity_key AS "entityKey", a.before::text AS before, a.after::text AS after, a.ip
    FROM audit_log AS a
    WHERE ${sqlJoin(conditions, ' AND ')}
    ORDER BY a.id DESC
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actorUsername ? { username: row.actorUsername, role: row.actorRole ?? '' } : null,
    action: row.action,
    entity: row.entity,
    entityKey: row.entityKey,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    ip: row.ip,
  }));
}
