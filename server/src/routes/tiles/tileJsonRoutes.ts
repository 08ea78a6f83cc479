import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerOf } from '../../auth/requestViewer.js';
import { requestOrigin } from '../../http/requestOrigin.js';
import { tileJson } from '../../tiles/tileJson.js';
import { TILE_SETS, isTileSet } from '../../tiles/tileLayers.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { tileStyle } from '../../tiles/tileStyle.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { StyleReply, TileJsonParams, TileJsonReply } from '../../contract/tileJson.js';

/**
 * The documents are small and built per request; the URLs in them depend on the host the client
 * used (and the proxy's forwarded host), so no shared cache may keep one for another client.
 */
const documentHeaders = {
  'cache-control': 'private, no-cache',
  vary: 'Cookie, Authorization, Host, X-Forwarded-Host, X-Forwarded-Proto',
};

const replies = {
  400: ErrorReply('the Host header is not a host name'),
  401: ErrorReply('not signed in, or the token is unknown, expired or revoked'),
};

/**
 * TileJSON for each vector tile set and a MapLibre style of them (issue #16 part 3): QGIS, MapLibre
 * and other clients add gridmap's layers by URL. Authorised like the tiles: a session or a token.
 */
export const tileJsonRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tiles/:set.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON 3.0.0 of a vector tile set',
        description:
          'The tile URL (absolute, on the host the client used), the zoom range and every layer with its fields. In QGIS: Vector Tiles → New Generic Connection with this URL as the style/TileJSON, and an `Authorization: Bearer` header.',
        params: TileJsonParams,
        response: { 200: TileJsonReply, ...replies, 404: ErrorReply('no such tile set') },
      },
    },
    async (request, reply) => {
      viewerOf(request);
      const { set } = request.params;
      if (!isTileSet(set)) throw new NotFoundError(`no tile set "${set}"; sets are ${TILE_SETS.join(', ')}`);
      const document = tileJson(set, requestOrigin(request));
      return reply.headers(documentHeaders).send(document);
    },
  );

  app.get(
    '/style.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'A MapLibre style of gridmap’s layers',
        description:
          'Sources are the tile sets’ TileJSON and the county outlines, all on this server. No labels (no glyph server): draw them from `grid_labels` in the client.',
        response: { 200: StyleReply, ...replies },
      },
    },
    async (request, reply) => {
      viewerOf(request);
      return reply.headers(documentHeaders).send(tileStyle(requestOrigin(request)));
    },
  );
};
