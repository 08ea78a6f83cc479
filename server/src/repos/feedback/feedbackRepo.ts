import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import { gridCodePrefix, type GridCode } from '../../domain/gridCode.js';
import type { FeedbackStatus } from '../../domain/feedbackRules.js';
import { maskPhone } from '../../domain/personalData.js';
import type { FeedbackBody, FeedbackItem } from '../../contract/feedback.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';

export interface NewFeedback extends Omit<FeedbackBody, 'grid'> {
  /** The grid it concerns (already checked to lie in the sender's scope). */
  scopeCode: string;
  /** The signed-in sender; null: a resident through a village's public page (channel `public`). */
  senderId: number | null;
}

/** Stores a message; null when `scopeCode` names no current grid. */
export async function insertFeedback(sql: Sql, feedback: NewFeedback): Promise<number | null> {
  const rows = await sql<{ id: number }>`
    INSERT INTO feedback (kind, text, contact, page, scope_code, sender_id, channel)
    SELECT ${feedback.kind}, ${feedback.text}, ${feedback.contact ?? null}, ${feedback.page ?? null},
      ${feedback.scopeCode}, ${feedback.senderId}::bigint, ${feedback.senderId === null ? 'public' : 'staff'}
    WHERE EXISTS (SELECT 1 FROM grids WHERE code = ${feedback.scopeCode} AND valid_to IS NULL)
    RETURNING id`;
  return rows[0]?.id ?? null;
}

export interface FeedbackFilter {
  /** Only messages of grids inside this one (the reader's scope). */
  within: GridCode;
  status?: FeedbackStatus;
  /** Paging: ids below this. */
  before?: number;
  limit: number;
}

interface FeedbackRow {
  id: number;
  kind: FeedbackItem['kind'];
  text: string;
  contact: string | null;
  page: string | null;
  grid: string;
  username: string | null;
  role: string | null;
  status: FeedbackStatus;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = sqlPart`f.id, f.kind, f.text, f.contact, f.page, f.scope_code AS grid, a.username, a.role, f.status,
  f.reply, ${isoTimestampSql('f.replied_at')} AS "repliedAt", ${isoTimestampSql('f.created_at')} AS "createdAt",
  ${isoTimestampSql('f.updated_at')} AS "updatedAt"`;

/** Messages newest first, the contact masked (an administrator unmasks one at a time, audited). */
export async function listFeedback(sql: Sql, filter: FeedbackFilter): Promise<FeedbackItem[]> {
  // Codes are digits only: the prefix needs no LIKE escaping.
  const conditions: SqlQuery[] = [sqlPart`f.scope_code LIKE ${`${gridCodePrefix(filter.within)}%`}`];
  if (filter.status) conditions.push(sqlPart`f.status = ${filter.status}`);
  if (filter.before !== undefined) conditions.push(sqlPart`f.id < ${filter.before}`);
  const rows = await sql.query<FeedbackRow>(sqlPart`
    SELECT ${columns} FROM feedback f LEFT JOIN accounts a ON a.id = f.sender_id
    WHERE ${sqlJoin(conditions, ' AND ')}
    ORDER BY f.id DESC LIMIT ${filter.limit}`);
  return rows.map(itemOf);
}

/**
 * One message as listed (contact masked) and its unmasked contact, its row locked until the
 * transaction ends; null if missing.
 */
export async function lockFeedback(
  sql: Sql,
  id: number,
): Promise<{ item: FeedbackItem; contact: string | null } | null> {
  const rows = await sql<FeedbackRow>`
    SELECT ${columns} FROM feedback f LEFT JOIN accounts a ON a.id = f.sender_id WHERE f.id = ${id} FOR UPDATE OF f`;
  const row = rows[0];
  return row ? { item: itemOf(row), contact: row.contact } : null;
}

export interface FeedbackUpdate {
  status: FeedbackStatus;
  /** A new answer, or undefined to keep the one there is. */
  reply?: string;
  accountId: number;
}

export async function updateFeedback(sql: Sql, id: number, change: FeedbackUpdate): Promise<void> {
  const reply = change.reply ?? null;
  await sql`
    UPDATE feedback SET status = ${change.status}, updated_at = now(),
      reply = coalesce(${reply}, reply),
      replied_at = CASE WHEN ${reply}::text IS NULL THEN replied_at ELSE now() END,
      replied_by = CASE WHEN ${reply}::text IS NULL THEN replied_by ELSE ${change.accountId}::bigint END
    WHERE id = ${id}`;
}

function itemOf(row: FeedbackRow): FeedbackItem {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    contact: row.contact === null ? null : maskPhone(row.contact),
    page: row.page,
    grid: row.grid,
    sender: row.username === null || row.role === null ? null : { username: row.username, role: row.role },
    status: row.status,
    reply: row.reply,
    repliedAt: row.repliedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
