// `npm run account -- add <username> <role> <scope code>`: creates an account (the first admin of a
//   deployment that is not the demo). The password comes from GRIDMAP_ACCOUNT_PASSWORD or, when that
//   is unset, is read from standard input (a prompt without echo on a terminal; a line when piped).
// `npm run account -- list`: usernames, roles, scopes, locks.
// `npm run account -- disable <username>` / `enable <username>`: a disabled account cannot sign in
//   and its sessions stop working at once (accounts are never deleted: the audit trail names them).
// `npm run account -- password <username>`: sets a new password (same input rules as add) and ends
//   the account's sessions.
// `npm run account -- token create|list|revoke …`: API tokens (scripts/accountTokens.ts).
import { createInterface } from 'node:readline';
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { ACCESS_ROLES, roleScopeProblem, type AccessRole } from '../server/src/domain/accessRole.js';
import { parseGridCode } from '../server/src/domain/gridCode.js';
import { hashPassword, minPasswordLength } from '../server/src/auth/passwords.js';
import { insertAccount } from '../server/src/repos/session/accountRepo.js';
import { recordAudit } from '../server/src/repos/audit/auditRepo.js';
import { runTokenCommand, tokenUsage } from './accountTokens.js';

const usage = `usage: npm run account -- add <username> <role> <scope code>
       npm run account -- list | disable <username> | enable <username> | password <username>
${tokenUsage}
roles: ${ACCESS_ROLES.join(', ')}
scope: the grid the account answers for — a prefecture (620700) or a county (620724) for county_admin, auditor, wall;
       also a town for planner; a town, village or group for town_leader, village_cadre, grid_staff`;

const commandLine = { name: 'account', usage };
const [command, ...args] = readCommandLine({ ...commandLine, positionals: true }).positionals;

function fail(message: string): never {
  console.error(`account: ${message}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.GRIDMAP_ACCOUNT_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) return line;
    return '';
  }
  // A terminal: raw mode, so the password is not echoed.
  process.stdout.write('password: ');
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          return resolve(typed);
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}

async function newPasswordHash(): Promise<string> {
  const password = await readPassword();
  if (password.length < minPasswordLength) fail(`the password must have at least ${minPasswordLength} characters`);
  return hashPassword(password);
}

if (!command || !['add', 'list', 'disable', 'enable', 'password', 'token'].includes(command)) {
  usageError(commandLine, command ? `unknown command "${command}"` : 'which command?');
}

loadEnvFile();
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  if (command === 'token') {
    await runTokenCommand(db, args, fail);
  } else if (command === 'add') {
    const [username, role, scopeInput] = args;
    if (!username || !role || !scopeInput) fail(`add needs <username> <role> <scope code>\n${usage}`);
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(username)) fail('a username is lower-case letters, digits, . _ - (≤ 64)');
    if (!(ACCESS_ROLES as readonly string[]).includes(role)) fail(`unknown role "${role}"\n${usage}`);
    const scope = parseGridCode(scopeInput);
    if (!scope) fail(`"${scopeInput}" is not a grid code`);
    const problem = roleScopeProblem(role as AccessRole, scope);
    if (problem) fail(problem);
    const grid = await db.sql`SELECT 1 FROM grids WHERE code = ${scope.code} AND valid_to IS NULL`;
    if (grid.length === 0) fail(`no current grid ${scope.code} in this database`);
    const passwordHash = await newPasswordHash();
    await db.transaction(async (sql) => {
      const id = await insertAccount(sql, { username, passwordHash, role: role as AccessRole, scopeCode: scope.code });
      await recordAudit(sql, {
        actor: null,
        action: 'account.create',
        entity: 'account',
        entityKey: username,
        before: null,
        after: { id, role, scope: scope.code, by: 'npm run account' },
        place: scope.code,
      });
    });
    console.log(`account: ${username} (${role}, ${scope.code}) created`);
  } else if (command === 'list') {
    const rows = await db.sql`
      SELECT username, role, scope_code AS scope, disabled,
        CASE WHEN locked_until > now() THEN locked_until END AS locked_until
      FROM accounts ORDER BY username`;
    console.table(rows);
  } else {
    const [username] = args;
    if (!username) fail(`${command} needs <username>`);
    const hash = command === 'password' ? await newPasswordHash() : null;
    const changed = await db.transaction(async (sql) => {
      const rows =
        command === 'password'
          ? await sql<{
              id: number;
              scope_code: string;
            }>`UPDATE accounts SET password_hash = ${hash}, failed_attempts = 0, locked_until = NULL
              WHERE username = ${username} RETURNING id, scope_code`
          : await sql<{ id: number; scope_code: string }>`UPDATE accounts SET disabled = ${command === 'disable'}
              WHERE username = ${username} RETURNING id, scope_code`;
      if (rows.length === 0) return false;
      if (command !== 'enable') await sql`DELETE FROM sessions WHERE account_id = ${rows[0]!.id}`;
      await recordAudit(sql, {
        actor: null,
        action: `account.${command}`,
        entity: 'account',
        entityKey: username,
        before: null,
        after: { by: 'npm run account' },
        place: rows[0]!.scope_code,
      });
      return true;
    });
    if (!changed) fail(`no account ${username}`);
    console.log(`account: ${username} ${command === 'password' ? 'has a new password' : `${command}d`}`);
  }
} finally {
  await db.close();
}
