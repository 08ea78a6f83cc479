import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { caseCheckCodeOf } from '../../domain/caseCheckCode.js';
import { publicCaseProgress } from '../../repos/cases/casePublicRepo.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { PublicCaseParams, PublicCaseProgress, PublicCaseQuery } from '../../contract/caseQr.js';

export interface PublicCaseRouteOptions {
  /** Requests per client address per window before 429 (default {@link publicCaseRateLimit}); tests lower it. */
  rateLimit?: { max: number; timeWindowMs: number };
}

/**
 * Per client address, lower than the village page's: a reporter looks up one case now and then, and
 * every request is a guess at a code (31⁶ of them), so a guesser must be slowed to a crawl.
 */
export const publicCaseRateLimit = { max: 30, timeWindowMs: 60_000 } as const;

/**
 * 一案一码 (issue #14 part 5): `GET /api/public/cases/:serial?code=…`, open without a session
 * (auth/sessionViewer.ts lets exactly this pattern through). Status and dates only. An unknown
 * serial and a wrong code get the same 404, so the page tells no one which serials exist.
 */
export const publicCaseRoutes: FastifyPluginAsyncTypebox<PublicCaseRouteOptions> = async (app, options) => {
  const limit = options.rateLimit ?? publicCaseRateLimit;
  // onRequest (the default hook): malformed and wrong guesses count too.
  await app.register(rateLimit, { global: false });

  app.get(
    '/api/public/cases/:serial',
    {
      config: {
        rateLimit: {
          max: limit.max,
          timeWindow: limit.timeWindowMs,
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `too many requests from this address; try again in ${context.after}`,
          }),
        },
      },
      schema: {
        tags: ['public'],
        summary: 'A case’s progress for the person who reported it (一案一码), no sign-in',
        description: `With the serial and the check code (查询码) of the report reply or slip: the status, the level handling it, when it was reported, the current stage's deadline, when it was closed, and each step's type and time. No summary, category, place, names, notes or photo. Open without a session; each client address may ask ${limit.max} times per ${limit.timeWindowMs / 1000} s.`,
        params: PublicCaseParams,
        querystring: PublicCaseQuery,
        response: {
          200: PublicCaseProgress,
          400: ErrorReply('the serial or the check code is malformed or missing'),
          404: ErrorReply('no case has this serial and check code (an unknown serial is answered the same)'),
          429: ErrorReply('this address asked too often; the message says when to try again'),
        },
      },
    },
    async (request, reply) => {
      const { serial } = request.params;
      const code = caseCheckCodeOf(request.query.code);
      const progress = code ? await publicCaseProgress(app.db.sql, serial, code) : null;
      if (!progress) throw new NotFoundError('no case with this serial and check code');
      // The status changes and the code rides in the URL: no shared cache keeps it.
      return reply.header('cache-control', 'no-store').send(progress);
    },
  );
};
