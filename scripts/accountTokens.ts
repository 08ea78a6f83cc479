// `npm run account -- token …` (issue #16 part 1): API tokens made, listed and revoked from the
// server's shell, for an administrator setting up QGIS on a machine without a browser session, or
// revoking a leaked token at once. The same rules as `/api/tokens`; every change is audited.
import { randomBytes } from 'node:crypto';
import type { Database } from '../server/src/db/database.js';
import { mayHoldTokens, TOKEN_EXPIRY_DAYS, TOKEN_NAME_MAX, TOKEN_PREFIX } from '../server/src/domain/apiToken.js';
import { tokenSecretHash } from '../server/src/auth/liveToken.js';
import { findAccount } from '../server/src/repos/session/accountRepo.js';
import { recordAudit } from '../server/src/repos/audit/auditRepo.js';
import { insertToken, listAllTokens, revokeToken, tokenOwner } from '../server/src/repos/tokens/tokenRepo.js';

export const tokenUsage = `       npm run account -- token create <username> <days> <name…>   (prints the token once)
       npm run account -- token list [username] | token revoke <token id>`;

/** Runs `token <subcommand> …`; `fail` prints a message and exits 2. */
export async function runTokenCommand(
  db: Database,
  args: readonly string[],
  fail: (message: string) => never,
): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'create') {
    const [username, daysText, ...nameWords] = rest;
    const name = nameWords.join(' ').trim();
    if (!username || !daysText || !name) fail(`token create needs <username> <days> <name>\n${tokenUsage}`);
    const days = Number(daysText);
    if (!Number.isInteger(days) || days < TOKEN_EXPIRY_DAYS.min || days > TOKEN_EXPIRY_DAYS.max) {
      fail(`days must be a whole number from ${TOKEN_EXPIRY_DAYS.min} to ${TOKEN_EXPIRY_DAYS.max}`);
    }
    if (name.length > TOKEN_NAME_MAX) fail(`a token name has at most ${TOKEN_NAME_MAX} characters`);
    const account = await findAccount(db.sql, username);
    if (!account) fail(`no account ${username}`);
    if (account.disabled) fail(`${username} is disabled`);
    if (!mayHoldTokens(account.role)) fail(`the ${account.role} role may not hold tokens`);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const made = await db.transaction(async (sql) => {
      const row = await insertToken(sql, {
        secretHash: tokenSecretHash(token),
        accountId: account.id,
        name,
        expiresInDays: days,
      });
      await recordAudit(sql, {
        actor: null,
        action: 'token.create',
        entity: 'api_token',
        entityKey: String(row.id),
        before: null,
        after: { name, owner: username, expiresAt: row.expiresAt, by: 'npm run account' },
        place: account.scopeCode,
      });
      return row;
    });
    console.error(
      `account: token ${made.id} for ${username}, expires ${made.expiresAt}; copy it now, it is not shown again:`,
    );
    console.log(token);
  } else if (subcommand === 'list') {
    const [username] = rest;
    const rows = await listAllTokens(db.sql, username);
    console.table(rows);
  } else if (subcommand === 'revoke') {
    const [idText] = rest;
    const id = Number(idText);
    if (!idText || !Number.isSafeInteger(id) || id < 1) fail(`token revoke needs a token id (see token list)`);
    const owner = await tokenOwner(db.sql, id);
    if (!owner) fail(`no token ${id}`);
    const revoked = await db.transaction(async (sql) => {
      const hash = await revokeToken(sql, id);
      if (hash) {
        await recordAudit(sql, {
          actor: null,
          action: 'token.revoke',
          entity: 'api_token',
          entityKey: String(id),
          before: null,
          after: { name: owner.name, owner: owner.username, by: 'npm run account' },
          place: owner.scopeCode,
        });
      }
      return hash !== null;
    });
    console.log(`account: token ${id} of ${owner.username} ${revoked ? 'revoked' : 'was revoked already'}`);
  } else {
    fail(`token needs create, list or revoke\n${tokenUsage}`);
  }
}
