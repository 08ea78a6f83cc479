import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { TILE_SETS, isTileSet, tileCoordProblem } from '../../tiles/tileLayers.js';
import { TileParams } from '../../contract/tiles.js';
import { TileCache, type TileCacheLimits } from '../../tiles/tileCache.js';
import { tileRendererFor } from '../../repos/tiles/tileRendererFor.js';
import { viewerOf } from '../../auth/requestViewer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encoded tiles of this process; a write that changes grids, streets or households calls `invalidate()`. */
    tileCache: TileCache;
  }
}

export interface TileRoutesOptions {
  cache?: TileCacheLimits;
}

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Private: what a tile holds depends on who asks (the viewer's scope), so no shared cache (a proxy)
 * may hand one user's tile to another; `Vary: Cookie, Authorization` says the same to any cache that keeps it.
 * Base layers change rarely (a published redraw, new households): browsers reuse a tile for 5 min
 * and then show it while fetching the fresh one. A client that must see a write at once adds `?v=…`.
 */
export const TILE_CACHE_CONTROL = 'private, max-age=300, stale-while-revalidate=86400';

const tilePlugin: FastifyPluginAsyncTypebox<TileRoutesOptions> = async (app, options) => {
  const renderer = tileRendererFor(app.db);
  const cache = new TileCache(options.cache);
  app.decorate('tileCache', cache);

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      schema: {
        tags: ['tiles'],
        summary: 'A Mapbox Vector Tile of grids, streets or households (204 when empty)',
        description:
          'Layers inside each tile are listed in server/src/tiles/tileLayers.ts. A request with `Cache-Control: no-cache` skips the server’s tile cache. Scope: households, streets and village and group outlines only inside the caller’s scope; the county and town outlines of the caller’s own county and its prefecture’s outline (published divisions) as context; nothing of another county.',
        params: TileParams,
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      if (!isTileSet(layer)) throw new NotFoundError(`no tile layer "${layer}"; layers are ${TILE_SETS.join(', ')}`);
      const problem = tileCoordProblem({ z, x, y });
      if (problem) throw new BadRequestError(`params parameter "${problem.parameter}" ${problem.message}`);

      // Viewers of the same scope share tiles. Every scope is filtered: a county is not the whole
      // database once a prefecture holds several.
      const viewer = viewerOf(request);
      const scope = viewer.scope;
      const bypass = /\bno-cache\b/.test(request.headers['cache-control'] ?? '');
      const key = `${cache.key(layer, { z, x, y })}/${viewer.scope.code}`;
      let tile = bypass ? undefined : cache.get(key);
      reply
        .header('cache-control', TILE_CACHE_CONTROL)
        .header('vary', 'Cookie, Authorization')
        .header('x-tile-cache', tile ? 'hit' : bypass ? 'bypass' : 'miss');
      if (!tile) {
        tile = await renderer.render(layer, { z, x, y }, scope);
        cache.set(key, tile);
      }
      if (tile.byteLength === 0) return reply.code(204).send();
      return reply
        .header('content-type', MVT_CONTENT_TYPE)
        .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  );
};

/** `GET /tiles/{layer}/{z}/{x}/{y}.mvt`, rendered by the renderer that suits the database, with an LRU cache. */
export const tileRoutes = fp(tilePlugin, { name: 'gridmap-tiles' });
