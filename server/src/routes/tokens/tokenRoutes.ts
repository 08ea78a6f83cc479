import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomBytes } from 'node:crypto';
import { ForbiddenError, requireRole, viewerOf } from '../../auth/requestViewer.js';
import { tokenSecretHash } from '../../auth/liveToken.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { TOKEN_EXPIRY_DAYS, TOKEN_PREFIX, TOKEN_ROLES } from '../../domain/apiToken.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { insertToken, listTokens, revokeToken, tokenOwner } from '../../repos/tokens/tokenRepo.js';
import { ErrorReply } from '../../contract/errorReply.js';
import {
  TokenCreateBody,
  TokenCreatedReply,
  TokenIdParams,
  TokenList,
  TokenRevokedReply,
} from '../../contract/tokens.js';

const signedIn = { 401: ErrorReply('not signed in, or the token is unknown, expired or revoked') };

/**
 * API tokens (issue #16 part 1): a signed-in person makes one for QGIS, GDAL or a script, sees the
 * secret once, lists and revokes them. The token then stands for its account, with the account's
 * role and scope, until it expires or is revoked (auth/bearerViewer.ts).
 */
export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/tokens',
    {
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['tokens'],
        summary: 'Make an API token (shown once)',
        description: `For ${TOKEN_ROLES.join(', ')}, signed in with a session (a token cannot make tokens). The token expires after \`expiresInDays\` (${TOKEN_EXPIRY_DAYS.min}–${TOKEN_EXPIRY_DAYS.max}); only its SHA-256 is kept, so the reply is the one chance to copy it. Recorded in the audit trail (\`token.create\`).`,
        body: TokenCreateBody,
        response: {
          201: TokenCreatedReply,
          400: ErrorReply('name or expiresInDays missing or out of range'),
          ...signedIn,
          403: ErrorReply('the role may not hold tokens, or the request was made with a token'),
        },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request, TOKEN_ROLES);
      // A token that could mint tokens would outlive its own expiry and revocation.
      if (!request.session) throw new ForbiddenError('sign in to make a token (a token cannot make tokens)');
      const { name, expiresInDays } = request.body;
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const made = await app.db.transaction(async (sql) => {
        const row = await insertToken(sql, {
          secretHash: tokenSecretHash(token),
          accountId: viewer.accountId,
          name: name.trim(),
          expiresInDays,
        });
        await recordAudit(sql, {
          actor: viewer,
          action: 'token.create',
          entity: 'api_token',
          entityKey: String(row.id),
          before: null,
          after: { name: name.trim(), expiresAt: row.expiresAt },
        });
        return row;
      });
      return reply.code(201).send({ id: made.id, token, expiresAt: made.expiresAt });
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'The caller’s API tokens',
        description: 'Newest first, revoked and expired ones included (marked `active: false`). Never a secret.',
        response: { 200: TokenList, ...signedIn },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const rows = await listTokens(app.db.sql, viewer.accountId);
      return rows.map(({ username: _owner, ...token }) => token);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        description:
          'One’s own token, or (county_admin) any token of an account in one’s scope. It stops working at once on every server. Recorded in the audit trail (`token.revoke`); revoking a revoked token changes nothing.',
        params: TokenIdParams,
        response: {
          204: TokenRevokedReply,
          400: ErrorReply('the id is not a token id'),
          ...signedIn,
          404: ErrorReply('no such token among those the caller may revoke'),
        },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const owner = await tokenOwner(app.db.sql, request.params.id);
      const mayRevoke =
        owner !== null &&
        (owner.accountId === viewer.accountId ||
          (viewer.role === 'county_admin' && viewerCoversGrid(viewer, owner.scopeCode)));
      // Someone else's token is answered as one that does not exist: ids tell nothing.
      if (!owner || !mayRevoke) throw new NotFoundError(`no token ${request.params.id}`);
      const revokedHash = await app.db.transaction(async (sql) => {
        const hash = await revokeToken(sql, owner.id);
        if (hash) {
          await recordAudit(sql, {
            actor: viewer,
            action: 'token.revoke',
            entity: 'api_token',
            entityKey: String(owner.id),
            before: null,
            after: { name: owner.name, owner: owner.username },
            place: owner.scopeCode,
          });
        }
        return hash;
      });
      // The NOTIFY reaches the other instances; this one forgets the token now.
      if (revokedHash) app.tokenCache.evictToken(revokedHash);
      return reply.code(204).send(null);
    },
  );
};
