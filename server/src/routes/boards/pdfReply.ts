import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Sends a PDF stream as a download named `filename` (ASCII, chosen by the route), never cached. */
export function sendPdf(reply: FastifyReply, filename: string, pages: number, body: Readable): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-board-pages', String(pages))
    .header('cache-control', 'no-store')
    .send(body);
}
