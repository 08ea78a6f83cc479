import type { Sql } from '../db/database.js';
import type { Viewer } from '../domain/accessRole.js';

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
}

/**
 * Appends an entry to the audit trail, inside the caller's transaction so the change and its record
 * commit together. PLACEHOLDER until the trust issue adds the append-only audit table.
 */
export async function recordAudit(_sql: Sql, _entry: AuditEntry): Promise<void> {}
