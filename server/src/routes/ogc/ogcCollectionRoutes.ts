import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Sql } from '../../db/database.js';
import { OgcCollectionParams, OgcDocumentQuery } from '../../contract/ogc.js';
import type { Viewer } from '../../domain/accessRole.js';
import { ogcCollectionDocument, type OgcCollectionDocument } from '../../domain/ogc/ogcCollectionDocument.js';
import { OGC_COLLECTIONS, type OgcCollection } from '../../domain/ogc/ogcCollections.js';
import { OGC_CRS_URIS } from '../../domain/ogc/ogcCrs.js';
import type { OgcFormat } from '../../domain/ogc/ogcMediaType.js';
import { MEDIA_HTML, MEDIA_JSON, selfLinks } from '../../domain/ogc/ogcLinks.js';
import { featureSource } from '../../repos/ogc/ogcFeatureSources.js';
import { scopeExtent, temporalExtent } from '../../repos/ogc/ogcFeatureRepo.js';
import { anchor, escapeHtml, htmlPage } from './ogcHtmlPage.js';
import { ogcCollectionNamed } from './ogcCollectionNamed.js';
import { ogcRequestOf, sendOgc } from './ogcReply.js';

async function describe(
  sql: Sql,
  viewer: Viewer,
  origin: string,
  format: OgcFormat,
  collections: readonly OgcCollection[],
): Promise<OgcCollectionDocument[]> {
  const bbox = await scopeExtent(sql, viewer.scope);
  const intervals: ([string | null, string | null] | null)[] = [];
  // One after the other: the embedded database runs one query at a time anyway.
  for (const collection of collections) {
    intervals.push(await temporalExtent(sql, featureSource(collection, { scope: viewer.scope, names: false })));
  }
  return collections.map((collection, i) => ogcCollectionDocument(origin, collection, format, bbox, intervals[i]!));
}

function collectionRows(documents: OgcCollectionDocument[]): string[][] {
  return documents.map((d) => [
    anchor(d.links.find((l) => l.rel === 'items' && l.type === MEDIA_HTML)!.href, d.id),
    escapeHtml(d.title),
    escapeHtml(d.description),
    escapeHtml(d.extent ? d.extent.spatial.bbox[0]!.join(', ') : ''),
    escapeHtml(d.extent?.temporal ? d.extent.temporal.interval[0]!.map((t) => t ?? '..').join(' / ') : ''),
  ]);
}

const columns = ['id', 'title', 'description', 'bbox (CRS84)', 'time'];

/** The feature collections and each one's description (Part 1 §7.13–7.14), in the viewer's scope. */
export const ogcCollectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/ogc/collections', { schema: { hide: true, querystring: OgcDocumentQuery } }, async (request, reply) => {
    const { viewer, origin, format } = ogcRequestOf(request, request.query.f);
    const collections = await describe(app.db.sql, viewer, origin, format, OGC_COLLECTIONS);
    const links = selfLinks(origin, '/collections', format, MEDIA_JSON);
    if (format === 'html') {
      const tables = [{ heading: 'collections', columns, rows: collectionRows(collections) }];
      return sendOgc(reply, MEDIA_HTML, htmlPage({ title: 'gridmap — collections 图层', links, tables }));
    }
    return sendOgc(reply, MEDIA_JSON, JSON.stringify({ links, crs: OGC_CRS_URIS, collections }));
  });

  app.get(
    '/ogc/collections/:collectionId',
    { schema: { hide: true, params: OgcCollectionParams, querystring: OgcDocumentQuery } },
    async (request, reply) => {
      const { viewer, origin, format } = ogcRequestOf(request, request.query.f);
      const collection = ogcCollectionNamed(request.params.collectionId);
      const [document] = await describe(app.db.sql, viewer, origin, format, [collection]);
      if (format === 'html') {
        const tables = [
          { heading: 'collection', columns, rows: collectionRows([document!]) },
          { heading: 'crs', columns: ['uri'], rows: document!.crs.map((uri) => [escapeHtml(uri)]) },
        ];
        return sendOgc(
          reply,
          MEDIA_HTML,
          htmlPage({ title: `${document!.title} (${document!.id})`, links: document!.links, tables }),
        );
      }
      return sendOgc(reply, MEDIA_JSON, JSON.stringify(document));
    },
  );
};
