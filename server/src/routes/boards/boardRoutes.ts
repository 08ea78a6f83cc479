import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireGridInScope, viewerOf } from '../../auth/requestViewer.js';
import { boardLevelProblem, boardPages } from '../../domain/boards/boardPlan.js';
import { boardGridCodes } from '../../repos/boards/boardRepo.js';
import { recordAudit } from '../../repos/audit/auditRepo.js';
import { boardPdf } from '../../boards/boardPdf.js';
import { findBoardFonts } from '../../boards/boardFonts.js';
import { BoardJobs } from '../../boards/boardJobs.js';
import { sendPdf } from './pdfReply.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { currentGrid } from '../../http/currentGrid.js';
import { requestOrigin } from '../../http/requestOrigin.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { GridCodeParams } from '../../contract/gridCode.js';
import { BoardJob, BoardJobParams, BoardPdf, boardErrorReplies, boardJobErrorReplies } from '../../contract/boards.js';

export interface BoardRouteOptions {
  /** Where the QR codes lead (GRIDMAP_PUBLIC_URL); absent: the origin the request reached. */
  publicUrl?: string;
}

const SCOPE_RULE =
  ' For every role whose scope covers the grid (as `GET /api/grids/:code`); outside it 404. Responsible people are named as village boards publish them; phones only where published (`phone_public`); of households only their count. Each print is recorded in the audit trail (`notice_board.print`).';

/**
 * Notice boards (一格一图, issue #16 part 4): a grid's boards as a PDF streamed page by page, and
 * the same as a background job whose progress the web app shows for a village or town.
 */
export const boardRoutes: FastifyPluginAsyncTypebox<BoardRouteOptions> = async (app, options) => {
  const jobs = new BoardJobs();
  app.addHook('onClose', async () => jobs.close());

  /** The pages of the grid a request names, after the scope and level checks; audited. */
  const plannedBoards = async (request: FastifyRequest, code: string) => {
    const viewer = requireGridInScope(request, code);
    const target = await currentGrid(app.db.sql, code);
    const problem = boardLevelProblem(target);
    if (problem) throw new BadRequestError(problem);
    const fonts = findBoardFonts();
    const pages = boardPages(target, await boardGridCodes(app.db.sql, target));
    if (pages.length === 0) throw new NotFoundError(`no grid with code ${code}`);
    await recordAudit(app.db.sql, {
      actor: viewer,
      action: 'notice_board.print',
      entity: 'grid',
      entityKey: target.code,
      before: null,
      after: { pages: pages.length },
      place: target.code,
    });
    const publicOrigin = options.publicUrl ?? requestOrigin(request);
    const render = (onPage?: (done: number) => void) =>
      boardPdf(app.db.sql, pages, {
        fonts,
        publicOrigin,
        now: new Date(),
        title: `${target.grid.name} 网格公示牌`,
        ...(onPage ? { onPage } : {}),
        onError: (error) => request.log.error({ err: error, code: target.code }, 'notice board failed'),
      });
    return { viewer, target, pages, render };
  };

  app.get(
    '/api/grids/:code/board.pdf',
    {
      // A HEAD would draw every page and record a print only to throw the PDF away.
      exposeHeadRoute: false,
      schema: {
        tags: ['grids'],
        summary: 'The notice boards (一格一图公示牌) of a group, village or town as an A3 PDF',
        description:
          'A group: one A3 portrait page — its map (outline, neighbouring groups, streets with their 街长, cameras, scale bar, north arrow), its responsible people, households count and a QR code of the village’s public page (`/p/<village code>`). A village: a cover page with its groups then a page per group; a town: that for each village. Streams as the pages are drawn; `x-board-pages` says how many there are.' +
          SCOPE_RULE,
        params: GridCodeParams,
        response: { 200: BoardPdf, ...boardErrorReplies },
      },
    },
    async (request, reply) => {
      const { target, pages, render } = await plannedBoards(request, request.params.code);
      const stream = await render();
      return sendPdf(reply, `${target.code}-board.pdf`, pages.length, stream);
    },
  );

  app.post(
    '/api/grids/:code/boards',
    {
      schema: {
        tags: ['grids'],
        summary: 'Start rendering the notice boards of a group, village or town, with progress',
        description:
          'The same PDF as `GET /api/grids/:code/board.pdf`, drawn in the background: poll `GET /api/board-jobs/:id` for `done` of `total` pages, then download `pdf`. At most two running jobs per account (429).' +
          SCOPE_RULE,
        params: GridCodeParams,
        response: {
          202: BoardJob,
          ...boardErrorReplies,
          429: ErrorReply('two board jobs of the caller are still running'),
        },
      },
    },
    async (request, reply) => {
      const { viewer, target, pages, render } = await plannedBoards(request, request.params.code);
      const job = jobs.start(
        viewer.accountId,
        target.code,
        pages.length,
        (onPage) => render(onPage),
        (error) => request.log.error({ err: error, code: target.code }, 'notice board job failed'),
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/board-jobs/:id',
    {
      schema: {
        tags: ['grids'],
        summary: 'A notice-board job: pages done of total, and the PDF’s path once finished',
        description: 'Only the account that started the job sees it; any other id is 404.',
        params: BoardJobParams,
        response: { 200: BoardJob, ...boardJobErrorReplies },
      },
    },
    async (request, reply) => {
      const job = jobs.status(request.params.id, viewerOf(request).accountId);
      if (!job) throw new NotFoundError(`no board job ${request.params.id}`);
      return reply.header('cache-control', 'no-store').send(job);
    },
  );

  app.get(
    '/api/board-jobs/:id/board.pdf',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['grids'],
        summary: 'The PDF of a finished notice-board job',
        description: 'For the account that started the job; 409 while it is still running or when it failed.',
        params: BoardJobParams,
        response: {
          200: BoardPdf,
          ...boardJobErrorReplies,
          409: ErrorReply('the job has not finished (or failed): see GET /api/board-jobs/:id'),
        },
      },
    },
    async (request, reply) => {
      const accountId = viewerOf(request).accountId;
      const job = jobs.status(request.params.id, accountId);
      if (!job) throw new NotFoundError(`no board job ${request.params.id}`);
      const file = jobs.finishedFile(job.id, accountId);
      if (!file) throw new ConflictError(`board job ${job.id} is ${job.state}, not finished`);
      return sendPdf(reply, `${job.code}-board.pdf`, job.total, createReadStream(file));
    },
  );
};

class ConflictError extends Error {
  readonly statusCode = 409;
}
