import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OgcDocumentQuery } from '../../contract/ogc.js';
import { OGC_CONFORMANCE_CLASSES } from '../../domain/ogc/ogcConformance.js';
import { landingLinks, MEDIA_HTML, MEDIA_JSON, MEDIA_OPENAPI, selfLinks } from '../../domain/ogc/ogcLinks.js';
import { anchor, escapeHtml, htmlPage } from './ogcHtmlPage.js';
import { ogcOpenApi } from './ogcOpenApi.js';
import { ogcRequestOf, sendOgc } from './ogcReply.js';

const TITLE = 'gridmap 网格地图 OGC API – Features';
const DESCRIPTION =
  '镇、村、组网格，责任街巷，雪亮工程摄像头，在办事件和住户（户主已脱敏），按账号的范围提供。Grids, streets, cameras, open cases and households (masked) of the caller’s scope, in CRS84, CGCS2000 (EPSG:4490), WGS 84 (EPSG:4326) or Web Mercator (EPSG:3857).';

/** The OGC API's landing page, conformance declaration and API definition (Part 1 §7.2–7.4). */
export const ogcServiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const landing = {
    schema: { hide: true, querystring: OgcDocumentQuery },
  };
  for (const url of ['/ogc', '/ogc/']) {
    app.get(url, landing, async (request, reply) => {
      const { origin, format } = ogcRequestOf(request, request.query.f);
      const links = landingLinks(origin, format);
      if (format === 'html')
        return sendOgc(reply, MEDIA_HTML, htmlPage({ title: TITLE, description: DESCRIPTION, links }));
      return sendOgc(reply, MEDIA_JSON, JSON.stringify({ title: TITLE, description: DESCRIPTION, links }));
    });
  }

  app.get('/ogc/conformance', { schema: { hide: true, querystring: OgcDocumentQuery } }, async (request, reply) => {
    const { origin, format } = ogcRequestOf(request, request.query.f);
    const links = selfLinks(origin, '/conformance', format, MEDIA_JSON);
    if (format === 'html') {
      const rows = OGC_CONFORMANCE_CLASSES.map((uri) => [anchor(uri, uri)]);
      const tables = [{ heading: 'conformsTo', columns: ['class'], rows }];
      return sendOgc(reply, MEDIA_HTML, htmlPage({ title: `${TITLE} — conformance`, links, tables }));
    }
    return sendOgc(reply, MEDIA_JSON, JSON.stringify({ links, conformsTo: OGC_CONFORMANCE_CLASSES }));
  });

  app.get('/ogc/api', { schema: { hide: true, querystring: OgcDocumentQuery } }, async (request, reply) => {
    const { origin, format } = ogcRequestOf(request, request.query.f);
    const document = ogcOpenApi(origin) as { paths: Record<string, { get: { summary: string } }> };
    if (format === 'html') {
      const rows = Object.entries(document.paths).map(([path, item]) => [
        escapeHtml(`/ogc${path === '/' ? '' : path}`),
        escapeHtml(item.get.summary),
      ]);
      const tables = [{ heading: 'GET', columns: ['path', 'summary'], rows }];
      const links = selfLinks(origin, '/api', format, MEDIA_OPENAPI);
      return sendOgc(reply, MEDIA_HTML, htmlPage({ title: `${TITLE} — OpenAPI 3.0`, links, tables }));
    }
    return sendOgc(reply, MEDIA_OPENAPI, JSON.stringify(document));
  });
};
