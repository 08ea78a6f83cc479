import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ForbiddenError, requireRole, viewerOf } from '../../auth/requestViewer.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import {
  FEEDBACK_ANSWER_ROLES,
  FEEDBACK_READ_ROLES,
  feedbackChangeProblem,
  feedbackSendRefusal,
} from '../../domain/feedbackRules.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { insertFeedback, listFeedback, lockFeedback, updateFeedback } from '../../repos/feedback/feedbackRepo.js';
import { ErrorReply } from '../../contract/errorReply.js';
import {
  FeedbackBody,
  FeedbackChange,
  FeedbackContact,
  FeedbackCreated,
  FeedbackIdParams,
  FeedbackItem,
  FeedbackList,
  FeedbackQuery,
} from '../../contract/feedback.js';

const signedIn = { 401: ErrorReply('not signed in') };
const notFound = { 404: ErrorReply('no feedback has this id inside the caller’s scope') };

/**
 * 投诉建议 (issue #14 part 6): the feedback channel of every view, for signed-in senders. Residents,
 * who have no account, send through their village's public page
 * (`POST /api/public/villages/:code/feedback`, routes/publicVillage), scoped by the village and
 * limited per address; both kinds are listed and answered here.
 */
export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/feedback',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['feedback'],
        summary: 'Send a complaint or a suggestion (投诉建议)',
        description:
          'Any signed-in role but the wall (unattended: nobody there could be answered). The message concerns `grid` (inside the sender’s scope) or, without it, the sender’s scope; the administrators of that grid read and answer it.',
        body: FeedbackBody,
        response: {
          201: FeedbackCreated,
          400: ErrorReply('a field is missing, empty, too long or malformed; the message names it'),
          ...signedIn,
          403: ErrorReply('a wall display does not send feedback'),
          404: ErrorReply('`grid` names no current grid inside the sender’s scope'),
        },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const refusal = feedbackSendRefusal(viewer.role);
      if (refusal) throw new ForbiddenError(refusal);
      const { grid, ...message } = request.body;
      const scopeCode = grid ?? viewer.scope.code;
      if (!viewerCoversGrid(viewer, scopeCode)) throw new NotFoundError(`no grid with code ${scopeCode}`);
      const id = await insertFeedback(app.db.sql, {
        ...message,
        text: message.text.trim(),
        scopeCode,
        senderId: viewer.accountId,
      });
      if (id === null) throw new NotFoundError(`no grid with code ${scopeCode}`);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback of the caller’s scope, newest first',
        description:
          'For county administrators and auditors: the messages of grids inside their scope, phone numbers masked. Page with `before` = the previous page’s `next`.',
        querystring: FeedbackQuery,
        response: {
          200: FeedbackList,
          400: ErrorReply('a parameter is invalid; the message names it'),
          ...signedIn,
          403: ErrorReply('only county administrators and auditors read feedback'),
        },
      },
    },
    async (request) => {
      const viewer = requireRole(request, FEEDBACK_READ_ROLES);
      const { status, before, limit } = request.query;
      const items = await listFeedback(app.db.sql, {
        within: viewer.scope,
        limit,
        ...(status ? { status } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      return { items, next: items.length === limit ? items[items.length - 1]!.id : null };
    },
  );

  app.patch(
    '/api/feedback/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['feedback'],
        summary: 'Set a feedback message’s status and answer it',
        description:
          'For county administrators of the message’s grid. `answered` needs a reply (in this change or before). Recorded in the audit trail (`feedback.update`).',
        params: FeedbackIdParams,
        body: FeedbackChange,
        response: {
          200: FeedbackItem,
          400: ErrorReply('the status is unknown, the reply empty or too long, or `answered` has no reply'),
          ...signedIn,
          403: ErrorReply('only county administrators answer feedback (auditors read it)'),
          ...notFound,
        },
      },
    },
    async (request) => {
      const viewer = requireRole(request, FEEDBACK_ANSWER_ROLES);
      const { id } = request.params;
      const { status } = request.body;
      const reply = request.body.reply?.trim();
      return app.db.transaction(async (sql) => {
        const found = (await lockFeedback(sql, id))?.item;
        if (!found || !viewerCoversGrid(viewer, found.grid)) throw new NotFoundError(`no feedback ${id}`);
        const problem = feedbackChangeProblem(status, reply ?? found.reply);
        if (problem) throw new BadRequestError(problem);
        await updateFeedback(sql, id, { status, accountId: viewer.accountId, ...(reply ? { reply } : {}) });
        await recordAudit(sql, {
          actor: viewer,
          action: 'feedback.update',
          entity: 'feedback',
          entityKey: String(id),
          before: { status: found.status, reply: found.reply },
          after: { status, reply: reply ?? found.reply },
          place: found.grid,
        });
        return (await lockFeedback(sql, id))!.item;
      });
    },
  );

  app.get(
    '/api/feedback/:id/contact',
    {
      schema: {
        tags: ['feedback'],
        summary: 'A feedback sender’s call-back number, unmasked (audited)',
        description:
          'For county administrators of the message’s grid, to call the sender back. Each call is recorded in the audit trail (`personal_data.unmask`).',
        params: FeedbackIdParams,
        response: {
          200: FeedbackContact,
          400: ErrorReply('the id is malformed'),
          ...signedIn,
          403: ErrorReply('only county administrators see a sender’s number'),
          ...notFound,
        },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request, FEEDBACK_ANSWER_ROLES);
      const { id } = request.params;
      const contact = await app.db.transaction(async (sql) => {
        const found = await lockFeedback(sql, id);
        if (!found || !viewerCoversGrid(viewer, found.item.grid)) return null;
        await recordAudit(sql, {
          actor: viewer,
          action: 'personal_data.unmask',
          entity: 'feedback',
          entityKey: String(id),
          before: null,
          after: { fields: ['contact'] },
          place: found.item.grid,
        });
        return { id, contact: found.contact };
      });
      if (!contact) throw new NotFoundError(`no feedback ${id}`);
      return reply.header('cache-control', 'no-store').send(contact);
    },
  );
};
