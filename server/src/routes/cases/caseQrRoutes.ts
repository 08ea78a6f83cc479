import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerOf } from '../../auth/requestViewer.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { caseLinkUrl } from '../../domain/caseLink.js';
import { caseGroupCode } from '../../repos/cases/casePublicRepo.js';
import { qrCodeSvg } from '../../qr/qrCodeSvg.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { requestOrigin } from '../../http/requestOrigin.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { CaseSerialParams } from '../../contract/cases.js';
import { CaseQrSvg } from '../../contract/caseQr.js';

export interface CaseQrRouteOptions {
  /** Where the QR codes lead (GRIDMAP_PUBLIC_URL); absent: the origin the request reached. */
  publicUrl?: string;
}

/** A serial's link never changes; the browser may keep the picture for the viewer for a day. */
const qrMaxAgeSeconds = 86_400;

/** 一案一码 (issue #14 part 5): the QR code of a case, for the case panel and the printed slip. */
export const caseQrRoutes: FastifyPluginAsyncTypebox<CaseQrRouteOptions> = async (app, options) => {
  app.get(
    '/api/cases/:serial/qr.svg',
    {
      schema: {
        tags: ['cases'],
        summary: 'The QR code of a case (一案一码) as SVG',
        description:
          'Encodes the absolute link `<origin>/c/<serial>` (origin: GRIDMAP_PUBLIC_URL, else the one the request reached): signed in it opens the case on the map, signed out the progress page that asks for the check code. The same scope rule as `GET /api/cases/:serial`.',
        params: CaseSerialParams,
        response: {
          200: CaseQrSvg,
          400: ErrorReply('the serial is malformed'),
          404: ErrorReply('no case has this serial inside the caller’s scope'),
        },
      },
    },
    async (request, reply) => {
      const { serial } = request.params;
      const group = await caseGroupCode(app.db.sql, serial);
      // A case outside the viewer's scope is answered exactly like one that does not exist.
      if (!group || !viewerCoversGrid(viewerOf(request), group))
        throw new NotFoundError(`no case with serial ${serial}`);
      const link = caseLinkUrl(options.publicUrl ?? requestOrigin(request), serial);
      return reply
        .type('image/svg+xml')
        .header('cache-control', `private, max-age=${qrMaxAgeSeconds}`)
        .send(qrCodeSvg(link));
    },
  );
};
