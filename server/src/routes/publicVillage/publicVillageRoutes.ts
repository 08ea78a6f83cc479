import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { parseGridCode } from '../../domain/gridCode.js';
import { monthCounts, publicMonths } from '../../domain/publicMonths.js';
import { publicVillage, villageCaseMonths } from '../../repos/publicVillage/publicVillageRepo.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { PublicVillageParams, PublicVillageReply } from '../../contract/publicVillage.js';
import { FeedbackCreated, PublicFeedbackBody } from '../../contract/feedback.js';
import { insertFeedback } from '../../repos/feedback/feedbackRepo.js';

export interface PublicVillageRouteOptions {
  /** Requests per client address per window before 429 (default {@link publicVillageRateLimit}); tests lower it. */
  rateLimit?: { max: number; timeWindowMs: number };
}

/**
 * Per client address: a resident opens the page once per scan, but a whole village may sit behind
 * one mobile carrier's address (CGNAT), so the limit stops a scraper, not a busy morning. Counted
 * in each server's memory: behind a load balancer each instance allows this many.
 */
export const publicVillageRateLimit = { max: 120, timeWindowMs: 60_000 } as const;

/**
 * A resident's 投诉建议 per client address: a few messages a day each, but a village behind one
 * carrier address (CGNAT) must not lock out its neighbours for long.
 */
export const publicFeedbackRateLimit = { max: 20, timeWindowMs: 3_600_000 } as const;

/** Browsers and proxies may keep a page's data this long: a notice board does not change by the minute. */
const publicMaxAgeSeconds = 60;

/**
 * 一村一码 (issue #16 part 5): `GET /api/public/villages/:code`, the one API route open without a
 * session (auth/sessionViewer.ts lets exactly this pattern through). It reads the village only:
 * outline, groups, the grid heads, grid staff and street chiefs (a phone only where published),
 * street names and monthly case counts. The reply is the same for everyone, so it may be cached
 * publicly; it is rate-limited per client address.
 */
export const publicVillageRoutes: FastifyPluginAsyncTypebox<PublicVillageRouteOptions> = async (app, options) => {
  const limit = options.rateLimit ?? publicVillageRateLimit;
  // onRequest (the default hook): a malformed or unknown code counts too, or a scraper could probe freely.
  await app.register(rateLimit, { global: false });

  app.get(
    '/api/public/villages/:code',
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
        summary: 'A village’s public page (一村一码), no sign-in',
        description: `What the QR code on a village’s notice board opens: the village outline and groups, its grid heads, grid staff and street chiefs (full name and phone only where a county administrator published them, else the masked name), street names and case counts by month for the last 12 months (no details). Never households, ID numbers or anything of another village. Open without a session; each client address may ask ${limit.max} times per ${limit.timeWindowMs / 1000} s.`,
        params: PublicVillageParams,
        response: {
          200: PublicVillageReply,
          400: ErrorReply('the code is not 12 digits'),
          404: ErrorReply('no current village has this code (a town or county code is no village)'),
          429: ErrorReply('this address asked too often; the message says when to try again'),
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const village = parseGridCode(code)?.level === 'village' ? await publicVillage(app.db.sql, code) : null;
      if (!village) throw new NotFoundError(`no village with code ${code}`);
      const { months, since } = publicMonths(new Date());
      const counted = await villageCaseMonths(app.db.sql, code, since);
      return reply.header('cache-control', `public, max-age=${publicMaxAgeSeconds}`).send({
        ...village,
        caseCountsByMonth: monthCounts(months, counted),
        links: {
          // Reporting needs a staff account (the report page asks for sign-in); residents have none yet.
          report: '/report',
          // The page's own 投诉建议 form (POST /api/public/villages/:code/feedback), beside the published phones.
          feedback: `/p/${code}#contact`,
        },
      });
    },
  );
  app.post(
    '/api/public/villages/:code/feedback',
    {
      bodyLimit: 16 * 1024,
      config: {
        rateLimit: {
          max: publicFeedbackRateLimit.max,
          timeWindow: publicFeedbackRateLimit.timeWindowMs,
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `too many messages from this address; try again in ${context.after}`,
          }),
        },
      },
      schema: {
        tags: ['public'],
        summary: 'A resident’s complaint or suggestion (投诉建议) through a village’s public page, no sign-in',
        description: `For residents, who have no account: the message concerns the village and reaches its county’s administrators in \`GET /api/feedback\` with no sender. Open without a session (send it without one: a session asks for its CSRF token); each client address may send ${publicFeedbackRateLimit.max} per hour.`,
        params: PublicVillageParams,
        body: PublicFeedbackBody,
        response: {
          201: FeedbackCreated,
          400: ErrorReply('the code is not 12 digits, or a field is missing, empty, too long or malformed'),
          404: ErrorReply('no current village has this code'),
          429: ErrorReply('this address sent too often; the message says when to try again'),
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      if (parseGridCode(code)?.level !== 'village') throw new NotFoundError(`no village with code ${code}`);
      const { kind, text, contact } = request.body;
      const id = await app.db.transaction(async (sql) => {
        const stored = await insertFeedback(sql, {
          kind,
          text: text.trim(),
          ...(contact ? { contact } : {}),
          page: `/p/${code}`,
          scopeCode: code,
          senderId: null,
        });
        if (stored !== null) {
          await recordAudit(sql, {
            actor: null,
            action: 'feedback.send',
            entity: 'feedback',
            entityKey: String(stored),
            before: null,
            after: { kind, channel: 'public' },
            ip: request.ip,
            place: code,
          });
        }
        return stored;
      });
      if (id === null) throw new NotFoundError(`no village with code ${code}`);
      return reply.code(201).send({ id });
    },
  );
};
