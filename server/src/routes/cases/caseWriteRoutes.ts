import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { caseActionOf } from '../../domain/caseActionRequest.js';
import { checkCaseReport, type CaseReportProblem } from '../../domain/caseReport.js';
import { readCaseActivity, readCaseDetail } from '../../repos/cases/caseDetailRepo.js';
import {
  CaseActionBody,
  CaseActionRefusal,
  CaseDetailWithActivity,
  CaseRecord,
  CaseReportBody,
  CaseSerialParams,
  CaseVersionConflict,
} from '../../contract/cases.js';
import { actOnCaseIn } from '../../repos/cases/caseActionRepo.js';
import { reportCaseIn, type ReportCaseResult } from '../../repos/cases/caseReportRepo.js';
import { CaseReportReply } from '../../contract/caseQr.js';
import { IdempotencyKeyHeaders, IdempotencyKeyInUse } from '../../contract/idempotencyKey.js';
import { idempotentWrites, sendIdempotent } from '../../http/idempotentWrites.js';
import { actorOf } from './caseActor.js';
import { viewerOf } from '../../auth/requestViewer.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { ErrorReply } from '../../contract/errorReply.js';

/** A refused request: the reply is `{ error, message }` with this status (routes/errorReplies.ts). */
class CaseRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The lifecycle refused an action: 409 with its reason. Thrown so that the write's transaction (and its key) roll back. */
class CaseRefusedError extends Error {
  readonly statusCode = 409;
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

/**
 * The case moved on from the version the action was made on: 409 with the case as it is now.
 * Thrown, as a refusal is, so the transaction rolls back and the key stays free.
 */
class CaseVersionConflictError extends Error {
  readonly statusCode = 409;
  constructor(readonly reply: CaseVersionConflict) {
    super(reply.message);
  }
}

/** A report photo is base64 (4/3 of 2 MiB) inside JSON; above this the request is refused unread. */
const reportBodyLimit = 4 * 1024 * 1024;

const reportStatus: Record<CaseReportProblem | Exclude<ReportCaseResult, { ok: true }>['problem'], number> = {
  bad_input: 400,
  unknown_category: 400,
  not_an_image: 415,
  too_large: 413,
  outside_county: 422,
  no_group_grid: 422,
  outside_scope: 403,
  refused: 409,
  serials_exhausted: 409,
};

/** Case reports, lifecycle actions and the case detail (issue "The live picture"). */
export const caseWriteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(idempotentWrites);

  app.post(
    '/api/cases',
    {
      bodyLimit: reportBodyLimit,
      schema: {
        tags: ['cases'],
        summary: 'Report a case (上报事件)',
        description:
          'Registers a case at the group level. The group grid, village, town, deadlines and responsible grid head are derived from the position. With an `Idempotency-Key` header a retry gets the first reply (201 and the same serial) and stores nothing new.',
        headers: IdempotencyKeyHeaders,
        body: CaseReportBody,
        response: {
          200: CaseRecord,
          201: CaseReportReply,
          400: ErrorReply(
            'a field or the Idempotency-Key is invalid, or the category is unknown; the message names it',
          ),
          403: ErrorReply(
            'the role only reads (planner, auditor, wall), or the position is outside the caller’s scope (a town leader reports in their town, a village cadre in their village, grid staff in their group)',
          ),
          409: IdempotencyKeyInUse,
          413: ErrorReply('the photo (or the request) is too large'),
          415: ErrorReply('the photo is not a JPEG, PNG or WebP image'),
          422: ErrorReply(
            'the position is outside the county or not covered by a group grid, or the Idempotency-Key was used for another request',
          ),
        },
      },
    },
    async (request, reply) => {
      const checked = checkCaseReport(request.body);
      if (!checked.ok) throw new CaseRequestError(reportStatus[checked.problem], checked.message);
      const { actor, viewer } = actorOf(request);
      const route = 'POST /api/cases';
      const outcome = await app.idempotentWrite(
        { header: request.headers['idempotency-key'], accountId: viewer.accountId, route, body: request.body },
        async (sql) => {
          const result = await reportCaseIn(sql, checked.report, actor, {
            reportId: request.body.reportId,
            viewer,
            calendar: app.calendar,
          });
          if (!result.ok) throw new CaseRequestError(reportStatus[result.problem], result.message);
          // The check code goes to the reporter once, here: never to lists, the wall or exports.
          return result.repeated
            ? { status: 200, body: result.case }
            : { status: 201, body: { ...result.case, checkCode: result.checkCode } };
        },
      );
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/api/cases/:serial/actions',
    {
      // An action, a 500-character note and a target: far below 16 KiB.
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['cases'],
        summary: 'Act on a case (受理、调解、上报、交办、回退、化解、结案、返工、转办、作废、越级、延期)',
        description:
          'Takes one lifecycle action; the step log records it. Concurrent actions on one case run one after the other. With `version` (the case’s version the client saw) the action applies only if the case is still at that version, else 409 `version_conflict` with the case as it is now and nothing changed. With an `Idempotency-Key` header a retry gets the first reply (even if the case has changed since) and takes no second step.',
        headers: IdempotencyKeyHeaders,
        params: CaseSerialParams,
        body: CaseActionBody,
        response: {
          200: CaseRecord,
          400: ErrorReply('a field or the Idempotency-Key is invalid, or the action unknown; the message names it'),
          403: ErrorReply('the role only reads (planner, auditor, wall)'),
          404: ErrorReply('no case has this serial inside the caller’s scope'),
          409: Type.Union([CaseVersionConflict, CaseActionRefusal, IdempotencyKeyInUse]),
          422: ErrorReply('the Idempotency-Key was used for another request'),
        },
      },
    },
    async (request, reply) => {
      const action = caseActionOf(request.body);
      if (!action.ok) throw new CaseRequestError(400, action.message);
      const { serial } = request.params;
      const { actor, viewer } = actorOf(request);
      const route = `POST /api/cases/${serial}/actions`;
      try {
        const outcome = await app.idempotentWrite(
          { header: request.headers['idempotency-key'], accountId: viewer.accountId, route, body: request.body },
          async (sql) => {
            const expectedVersion = request.body.version;
            const result = await actOnCaseIn(sql, serial, action.action, actor, {
              viewer,
              calendar: app.calendar,
              ...(expectedVersion !== undefined ? { expectedVersion } : {}),
            });
            if (result.ok) return { status: 200, body: result.case };
            if (result.problem === 'refused') throw new CaseRefusedError(result.reason, result.message);
            if (result.problem === 'version_conflict') {
              throw new CaseVersionConflictError({
                error: 'Conflict',
                message: `case ${serial} has moved on: it is at version ${result.current.version} (${result.current.status}, ${result.current.level}), the action was made on version ${expectedVersion}; nothing was applied`,
                reason: 'version_conflict',
                sentVersion: expectedVersion ?? 0,
                current: result.current,
              });
            }
            throw new NotFoundError(`no case with serial ${serial}`);
          },
        );
        return sendIdempotent(reply, outcome);
      } catch (error) {
        if (error instanceof CaseVersionConflictError) return reply.code(409).send(error.reply);
        if (!(error instanceof CaseRefusedError)) throw error;
        return reply.code(409).send({ error: 'Conflict', message: error.message, reason: error.reason });
      }
    },
  );

  app.get(
    '/api/cases/:serial',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its step log, cameras and patrols',
        description:
          'The case (no personal data), its full step log in order, the cameras of its group with status and when last seen, its village’s online patrols on the report day, and since the report (until closed): the status changes of its village’s cameras and its village’s patrols.',
        params: CaseSerialParams,
        response: {
          200: CaseDetailWithActivity,
          400: ErrorReply('the serial is malformed'),
          404: ErrorReply('no case has this serial inside the caller’s scope'),
        },
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await readCaseDetail(app.db.sql, request.params.serial, now);
      // A case outside the viewer's scope is answered exactly like one that does not exist.
      if (!detail || !viewerCoversGrid(viewerOf(request), detail.groupCode))
        throw new NotFoundError(`no case with serial ${request.params.serial}`);
      return { ...detail, ...(await readCaseActivity(app.db.sql, detail, now)) };
    },
  );
};
