import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Sql } from '../db/database.js';
import { canonicalJson, idempotencyKeyOf } from '../domain/idempotencyKey.js';
import {
  claimIdempotencyKey,
  storeIdempotentReply,
  type StoredReply,
} from '../repos/idempotency/idempotencyKeyRepo.js';
import { BadRequestError } from './errorReplies.js';

/** What a keyed write asks: the header as sent, whose it is, where, and the validated body. */
export interface IdempotentWriteRequest {
  header: string | undefined;
  accountId: number;
  route: string;
  body: unknown;
}

/** The reply of a write; `replayed`: the stored reply of an earlier request with the same key. */
export type IdempotentOutcome = StoredReply & { replayed: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs `work` in one transaction with the request's Idempotency-Key claimed first and its reply
     * stored last, so the write and its key commit together; without a header, just the
     * transaction. `work` throws to refuse: the transaction rolls back with the claim, and the key
     * stays free for a corrected retry. While the key is in use the outcome is the 409
     * `{ error: 'idempotency_key_in_use' }`; throws 400 for a blank key, 422 for the key reused on
     * another request.
     */
    idempotentWrite(
      request: IdempotentWriteRequest,
      work: (sql: Sql) => Promise<StoredReply>,
    ): Promise<IdempotentOutcome>;
  }
}

/** 422: the key was used on another request (other body or other path). */
export class IdempotencyKeyReusedError extends Error {
  readonly statusCode = 422;
}

/**
 * Idempotent writes (issue #14 part 3). Two doors keep "two at once" from waiting on each other: in
 * this process, a set of the keys whose request is running (the embedded database runs one
 * transaction at a time, so a second request would otherwise queue behind the first and replay
 * it); across server instances on PostgreSQL, the claim's non-waiting advisory lock.
 */
export const idempotentWrites = fp(
  async (app) => {
    const running = new Set<string>();
    app.decorate(
      'idempotentWrite',
      async (request: IdempotentWriteRequest, work: (sql: Sql) => Promise<StoredReply>) => {
        if (request.header === undefined) return { ...(await app.db.transaction(work)), replayed: false };
        const parsed = idempotencyKeyOf(request.header);
        if (!parsed.ok) throw new BadRequestError(parsed.message);
        const claim = {
          accountId: request.accountId,
          key: parsed.key,
          route: request.route,
          bodyHash: createHash('sha256').update(canonicalJson(request.body)).digest('hex'),
        };
        const runningKey = `${claim.accountId}:${claim.key}`;
        if (running.has(runningKey)) return inUse;
        running.add(runningKey);
        try {
          return await app.db.transaction(async (sql): Promise<IdempotentOutcome> => {
            const found = await claimIdempotencyKey(sql, claim);
            if (found.kind === 'in_use') return inUse;
            if (found.kind === 'mismatch') {
              throw new IdempotencyKeyReusedError(
                found.route === claim.route
                  ? 'this Idempotency-Key was used with a different request body; make a new key for a new request'
                  : `this Idempotency-Key was used for ${found.route}; make a new key for a new request`,
              );
            }
            if (found.kind === 'replay') return { ...found.reply, replayed: true };
            const reply = await work(sql);
            await storeIdempotentReply(sql, claim, reply);
            return { ...reply, replayed: false };
          });
        } finally {
          running.delete(runningKey);
        }
      },
    );
  },
  { name: 'gridmap-idempotent-writes', decorators: { fastify: ['db'] } },
);

const inUse: IdempotentOutcome = {
  status: 409,
  body: {
    error: 'idempotency_key_in_use',
    message: 'a request with this Idempotency-Key is still being handled; retry once it has answered',
  },
  replayed: false,
};

/** Sends a keyed write's reply; a replay says so in a header. */
export function sendIdempotent(reply: FastifyReply, outcome: IdempotentOutcome): FastifyReply {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}
