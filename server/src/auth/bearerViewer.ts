import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, tokenUseAudit } from '../domain/apiToken.js';
import { parseGridCode } from '../domain/gridCode.js';
import { recordAudit } from '../repos/audit/auditRepo.js';
import { UnauthorizedError } from './requestViewer.js';
import { liveTokenOf, tokenSecretHash } from './liveToken.js';

/** The API token a request was authenticated with. */
export interface RequestToken {
  id: number;
  secretHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carried a valid `Authorization: Bearer` token (and then no session). */
    apiToken: RequestToken | null;
  }
}

/** RFC 6750 §3: a refused bearer token says so in `WWW-Authenticate`. */
function invalidToken(reply: FastifyReply, message: string): UnauthorizedError {
  reply.header('www-authenticate', 'Bearer realm="gridmap", error="invalid_token"');
  return new UnauthorizedError(message);
}

/**
 * Authenticates a request by its `Authorization` header (called by the session plugin when the
 * header is present; a cookie is then ignored). A malformed header, an unknown, expired or revoked
 * token, or one whose account is disabled or locked: 401, whatever the route — a client that sends
 * credentials learns at once that they do not work.
 */
export async function authenticateBearer(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  header: string,
): Promise<void> {
  const token = bearerToken(header);
  if (!token) throw invalidToken(reply, 'malformed Authorization header: expected "Bearer gmt_…" (an API token)');
  const secretHash = tokenSecretHash(token);
  const found = await liveTokenOf(app, secretHash);
  const scope = found ? parseGridCode(found.scopeCode) : null;
  if (!found || !scope) throw invalidToken(reply, 'the API token is unknown, expired or revoked');
  request.viewer = {
    accountId: found.accountId,
    username: found.username,
    role: found.role,
    scope,
    memberId: found.memberId,
    ip: request.ip,
  };
  request.apiToken = { id: found.tokenId, secretHash };
}

const hourMs = 3_600_000;

/**
 * Writes `token.use` to the audit trail for each request made with a token: every request, except
 * map reads, recorded once an hour per token and process (domain/apiToken.ts `tokenUseAudit`).
 * In onSend, before the reply leaves, so the entry has the status and is there when the client has
 * its answer; a failure to record is logged and does not change the reply.
 */
export function auditTokenUse(app: FastifyInstance): void {
  /** Token id → when its map reads were last recorded (this process's clock). */
  const mapReadsAudited = new Map<number, number>();
  app.addHook('onSend', async (request, reply, payload) => {
    const token = request.apiToken;
    if (!token || !request.viewer) return payload;
    const route = request.routeOptions.url ?? request.url.split('?')[0]!;
    if (tokenUseAudit(request.method, route) === 'hour') {
      const now = Date.now();
      const last = mapReadsAudited.get(token.id);
      if (last !== undefined && now - last < hourMs) return payload;
      if (mapReadsAudited.size > 10_000) mapReadsAudited.clear();
      mapReadsAudited.set(token.id, now);
    }
    try {
      await recordAudit(app.db.sql, {
        actor: request.viewer,
        action: 'token.use',
        entity: 'api_token',
        entityKey: String(token.id),
        before: null,
        after: { method: request.method, route, status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, 'token use: the audit entry was not written');
    }
    return payload;
  });
}
