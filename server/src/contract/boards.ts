import { Type, type Static } from 'typebox';
import { ErrorReply } from './errorReply.js';

/** Notice boards (一格一图, issue #16 part 4): the PDF and the job that shows a large one's progress. */

export const BoardPdf = Type.String({
  description:
    'application/pdf: A3 portrait pages (841.89 × 1190.55 pt); a group one page, a village its cover then a page per group, a town that for each village',
});

export const BOARD_JOB_STATES = ['running', 'finished', 'failed'] as const;

export const BoardJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'the grid the boards are of' }),
  state: Type.Enum([...BOARD_JOB_STATES], { description: 'running → finished (or failed)' }),
  done: Type.Integer({ minimum: 0, description: 'pages drawn' }),
  total: Type.Integer({ minimum: 1, description: 'pages of the PDF' }),
  pdf: Type.Union([Type.String(), Type.Null()], {
    description: 'once finished: the path of the PDF (GET, by the account that started the job)',
  }),
});
export type BoardJob = Static<typeof BoardJob>;

export const BoardJobParams = Type.Object({
  id: Type.String({
    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    description: 'the job id (a UUID, as POST /api/grids/:code/boards returned it)',
  }),
});
export type BoardJobParams = Static<typeof BoardJobParams>;

export const boardErrorReplies = {
  400: ErrorReply('the code is malformed, or names a county or prefecture (boards are per town, village or group)'),
  401: ErrorReply('not signed in'),
  404: ErrorReply('no current grid has this code inside the caller’s scope'),
};

export const boardJobErrorReplies = {
  400: ErrorReply('the job id is malformed'),
  401: ErrorReply('not signed in'),
  404: ErrorReply(
    'no job of the caller has this id (jobs are kept 30 minutes after they finish, by the instance that ran them)',
  ),
};
