import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { randomBytes } from 'node:crypto';
import type { Viewer } from '../../domain/accessRole.js';
import { parseGridCode } from '../../domain/gridCode.js';
import { verifyDummyPassword, verifyPassword } from '../../auth/passwords.js';
import { viewerOf } from '../../auth/requestViewer.js';
import { sessionIdHash } from '../../auth/sessionViewer.js';
import { lockout, loginRateLimit, sessionCookieName, sessionLifetime } from '../../auth/sessionPolicy.js';
import {
  findAccount,
  lockedUntil,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  scopeName,
  type AccountRecord,
} from '../../repos/session/accountRepo.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { deleteDeadSessions, deleteSession, insertSession } from '../../repos/session/sessionRepo.js';
import type { Sql } from '../../db/database.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { SessionReply, SignedOutReply, SignInBody } from '../../contract/session.js';

export interface SessionRouteOptions {
  /** Sign-in attempts per client address per window before 429 (default: auth/sessionPolicy.ts). */
  loginRateLimit?: { max: number; timeWindowMs: number };
}

/** One message for an unknown username and a wrong password: the reply does not tell which. */
const wrongCredentials = 'wrong username or password';

class SignInError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Signing in and out (`/api/session`): argon2id passwords, lockout, a per-address rate limit. */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRouteOptions> = async (app, options) => {
  const limit = options.loginRateLimit ?? loginRateLimit;
  // preHandler: after schema validation, so a malformed body is refused (400) without using up a try.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });

  app.post(
    '/api/session',
    {
      // A username and a password: a few hundred bytes; anything bigger is refused unread.
      bodyLimit: 4 * 1024,
      config: {
        rateLimit: {
          max: limit.max,
          timeWindow: limit.timeWindowMs,
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `too many sign-in attempts from this address; try again in ${context.after}`,
          }),
        },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in (登录)',
        description: `Checks the password and starts a session: an HttpOnly, SameSite=Strict cookie \`${sessionCookieName}\` and a CSRF token for writes. ${lockout.maxFailures} wrong passwords in a row lock the account for ${lockout.lockSeconds / 60} minutes; each client address may try at most ${limit.max} times per ${limit.timeWindowMs / 1000} s.`,
        body: SignInBody,
        response: {
          200: SessionReply,
          400: ErrorReply('username or password missing or too long'),
          401: ErrorReply('wrong username or password (the same message for both)'),
          429: ErrorReply('the account is locked (the message says until when) or this address tried too often'),
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const account = await findAccount(app.db.sql, username);
      if (!account || account.disabled) {
        await verifyDummyPassword(password);
        throw new SignInError(401, wrongCredentials);
      }
      const locked = await lockedUntil(app.db.sql, account.id);
      if (locked) throw lockedError(reply, locked);
      const viewer = viewerFrom(account, request.ip);
      if (!(await verifyPassword(account.passwordHash, password))) {
        const lockedNow = await app.db.transaction(async (sql) => {
          const until = await recordFailedSignIn(sql, account.id, lockout);
          await recordAudit(sql, {
            actor: null,
            action: until ? 'session.lockout' : 'session.login_failed',
            entity: 'account',
            entityKey: account.username,
            before: null,
            after: until ? { lockedUntil: until.toISOString() } : null,
            ip: request.ip,
            place: account.scopeCode,
          });
          return until;
        });
        if (lockedNow) {
          // The NOTIFY reaches the other instances; this one forgets the account's sessions now.
          app.sessionCache.evictAccount(account.id);
          throw lockedError(reply, lockedNow);
        }
        throw new SignInError(401, wrongCredentials);
      }

      const id = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const lifetime = sessionLifetime(account.role);
      await app.db.transaction(async (sql) => {
        await recordSuccessfulSignIn(sql, account.id);
        await deleteDeadSessions(sql);
        await insertSession(sql, {
          idHash: sessionIdHash(id),
          accountId: account.id,
          csrfToken,
          idleSeconds: lifetime.idleSeconds,
          absoluteSeconds: lifetime.absoluteSeconds,
          ip: request.ip,
        });
        await recordAudit(sql, {
          actor: viewer,
          action: 'session.login',
          entity: 'account',
          entityKey: account.username,
          before: null,
          after: { role: account.role, scope: account.scopeCode },
        });
      });
      reply.setCookie(sessionCookieName, id, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: app.secureCookies,
        maxAge: lifetime.absoluteSeconds,
      });
      return sessionReply(app.db.sql, viewer, csrfToken);
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in',
        description: 'The account of the session cookie and its CSRF token (a reloaded page reads it here).',
        response: { 200: SessionReply, 401: ErrorReply('no valid session') },
      },
    },
    // With an API token there is no session and nothing to protect from forgery: no CSRF token.
    async (request) => sessionReply(app.db.sql, viewerOf(request), request.session?.csrfToken ?? ''),
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out (退出)',
        description: 'Ends the session and clears the cookie. Without a valid session it only clears the cookie.',
        response: { 204: SignedOutReply },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (session) {
        await app.db.transaction(async (sql) => {
          await deleteSession(sql, session.idHash);
          await recordAudit(sql, {
            actor: request.viewer,
            action: 'session.logout',
            entity: 'account',
            entityKey: request.viewer!.username,
            before: null,
            after: null,
          });
        });
        app.sessionCache.evictSession(session.idHash);
      }
      reply.clearCookie(sessionCookieName, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.secureCookies,
      });
      return reply.code(204).send(null);
    },
  );
};

function viewerFrom(account: AccountRecord, ip: string): Viewer {
  const scope = parseGridCode(account.scopeCode);
  if (!scope) throw new Error(`account ${account.username}: scope ${account.scopeCode} is not a grid code`);
  return {
    accountId: account.id,
    username: account.username,
    role: account.role,
    scope,
    memberId: account.memberId,
    ip,
  };
}

function lockedError(reply: { header(name: string, value: string): unknown }, until: Date): SignInError {
  reply.header('retry-after', String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))));
  return new SignInError(
    429,
    `this account is locked after ${lockout.maxFailures} wrong passwords; try again after ${until.toISOString()}`,
  );
}

async function sessionReply(sql: Sql, viewer: Viewer, csrfToken: string): Promise<SessionReply> {
  return {
    username: viewer.username,
    role: viewer.role,
    scope: {
      code: viewer.scope.code,
      name: (await scopeName(sql, viewer.scope.code)) ?? viewer.scope.code,
      level: viewer.scope.level,
    },
    csrfToken,
  };
}
