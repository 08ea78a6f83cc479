import { randomBytes } from 'node:crypto';
import type { Database } from '../../server/src/db/database.js';
import type { AccessRole } from '../../server/src/domain/accessRole.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { insertAccount } from '../../server/src/repos/session/accountRepo.js';

/**
 * An account only this test uses (the demo accounts are shared by every test file on the
 * PostgreSQL database: locking or disabling one would break the others). Unique per call.
 */
export async function privateAccount(
  db: Database,
  role: AccessRole,
  scopeCode: string,
  password = 'correct horse battery',
): Promise<{ id: number; username: string; password: string }> {
  const username = `t-${role.replace('_', '-')}-${randomBytes(5).toString('hex')}`;
  const id = await insertAccount(db.sql, { username, passwordHash: await hashPassword(password), role, scopeCode });
  return { id, username, password };
}
