import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
} from '../../contract/cases.js';
import { actOnCase } from '../../repos/cases/caseActionRepo.js';
import { reportCase, type ReportCaseResult } from '../../repos/cases/caseReportRepo.js';
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
  app.post(
    '/api/cases',
    {
      bodyLimit: reportBodyLimit,
      schema: {
        tags: ['cases'],
        summary: 'Report a case (上报事件)',
        description:
          'Registers a case at the group level. The group grid, village, town, deadlines and responsible grid head are derived from the position.',
        body: CaseReportBody,
        response: {
          200: CaseRecord,
          201: CaseRecord,
          400: ErrorReply('a field is invalid or the category is unknown; the message names it'),
          403: ErrorReply(
            'the role only reads (planner, auditor, wall), or the position is outside the caller’s scope (a town leader reports in their town, a village cadre in their village, grid staff in their group)',
          ),
          413: ErrorReply('the photo (or the request) is too large'),
          415: ErrorReply('the photo is not a JPEG, PNG or WebP image'),
          422: ErrorReply('the position is outside the county or not covered by a group grid'),
        },
      },
    },
    async (request, reply) => {
      const checked = checkCaseReport(request.body);
      if (!checked.ok) throw new CaseRequestError(reportStatus[checked.problem], checked.message);
      const { actor, viewer } = actorOf(request);
      const result = await reportCase(app.db, checked.report, actor, {
        reportId: request.body.reportId,
        viewer,
        calendar: app.calendar,
      });
      if (!result.ok) throw new CaseRequestError(reportStatus[result.problem], result.message);
      return reply.code(result.repeated ? 200 : 201).send(result.case);
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
          'Takes one lifecycle action; the step log records it. Concurrent actions on one case run one after the other.',
        params: CaseSerialParams,
        body: CaseActionBody,
        response: {
          200: CaseRecord,
          400: ErrorReply('a field is invalid or the action unknown; the message names it'),
          403: ErrorReply('the role only reads (planner, auditor, wall)'),
          404: ErrorReply('no case has this serial inside the caller’s scope'),
          409: CaseActionRefusal,
        },
      },
    },
    async (request, reply) => {
      const action = caseActionOf(request.body);
      if (!action.ok) throw new CaseRequestError(400, action.message);
      const { serial } = request.params;
      const { actor, viewer } = actorOf(request);
      const result = await actOnCase(app.db, serial, action.action, actor, { viewer, calendar: app.calendar });
      if (result.ok) return result.case;
      if (result.problem === 'refused') {
        return reply
          .code(409)
          .send({ error: 'Conflict', message: `${result.reason}: ${result.message}`, reason: result.reason });
      }
      throw new NotFoundError(`no case with serial ${serial}`);
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
