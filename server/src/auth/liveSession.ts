import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { findLiveSession, touchSession, type SessionRecord } from '../repos/session/sessionRepo.js';
import { SessionCache, type SessionCacheOptions } from './sessionCache.js';
import { touchIntervalSeconds } from './sessionPolicy.js';
import { TokenCache } from './tokenCache.js';

/** The NOTIFY channel of migration 008's session triggers. */
export const sessionsChannel = 'gridmap_sessions';

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache;
    /** API tokens confirmed by the database (auth/liveToken.ts), kept exact by the same listener. */
    tokenCache: TokenCache;
  }
}

/**
 * `app.sessionCache` and `app.tokenCache`, kept exact by LISTENing on {@link sessionsChannel}:
 * memory is trusted only from the moment the listener is connected, and emptied on every
 * (re)connect, since notifications sent while disconnected are lost. One listener for both, as an
 * account's change (`a:<id>`) ends its sessions and its tokens alike.
 */
export const liveSessions = fp<SessionCacheOptions>(
  async (app, options) => {
    const cache = new SessionCache(options);
    const tokens = new TokenCache(options);
    app.decorate('sessionCache', cache);
    app.decorate('tokenCache', tokens);
    const unlisten = await app.db.listen(
      sessionsChannel,
      (payload) => {
        cache.applyNotification(payload);
        tokens.applyNotification(payload);
      },
      () => {
        cache.clear();
        cache.setListening(true);
        tokens.clear();
        tokens.setListening(true);
      },
    );
    app.addHook('onClose', async () => {
      cache.setListening(false);
      tokens.setListening(false);
      await unlisten().catch(() => {});
    });
  },
  { name: 'gridmap-live-sessions', decorators: { fastify: ['db'] } },
);

/**
 * The live session behind a cookie's id hash, from memory when it can answer (no database round
 * trip), else from the database; slides `last_seen` at most every minute. Null: no valid session.
 */
export async function liveSessionOf(app: FastifyInstance, idHash: string): Promise<SessionRecord | null> {
  const cache = app.sessionCache;
  const cached = cache.get(idHash);
  if (cached) {
    if (cached.idleFor > touchIntervalSeconds) {
      await touchSession(app.db.sql, idHash);
      cache.touched(idHash);
    }
    return cached.record;
  }
  const found = await findLiveSession(app.db.sql, idHash);
  if (!found) return null;
  const { expiresIn, idleLeft, idleSeconds, ...record } = found;
  let idleFor = record.idleFor;
  if (idleFor > touchIntervalSeconds) {
    await touchSession(app.db.sql, idHash);
    idleFor = 0;
  }
  cache.set(idHash, {
    record,
    idleFor,
    expiresIn,
    idleLeft: idleFor === 0 ? Math.min(idleSeconds, expiresIn) : idleLeft,
    idleSeconds,
  });
  return record;
}
