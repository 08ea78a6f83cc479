import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OgcCollectionParams, OgcFeatureParams, OgcItemQuery, OgcItemsQuery } from '../../contract/ogc.js';
import { readBbox } from '../../domain/ogc/ogcBbox.js';
import { ogcFeatureKeyOf, ogcPageSize, type OgcCollection } from '../../domain/ogc/ogcCollections.js';
import { contentCrsHeader, ogcCrsOf, OGC_CRS_URIS, type OgcCrs } from '../../domain/ogc/ogcCrs.js';
import { readDatetime } from '../../domain/ogc/ogcDatetime.js';
import { itemLinks, itemsLinks, MEDIA_GEOJSON, MEDIA_HTML, type OgcLink } from '../../domain/ogc/ogcLinks.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { countFeatures, featureById, featurePage, type FeatureFilter } from '../../repos/ogc/ogcFeatureRepo.js';
import { featureSource } from '../../repos/ogc/ogcFeatureSources.js';
import { cellText, escapeHtml, htmlPage } from './ogcHtmlPage.js';
import { ogcCollectionNamed } from './ogcCollectionNamed.js';
import { ogcRequestOf, sendOgc } from './ogcReply.js';

/** The CRS a parameter names; 400 listing the supported ones (Part 2 /req/crs/fc-crs-valid-value). */
function crsNamed(parameter: 'crs' | 'bbox-crs', uri: string | undefined): OgcCrs {
  const crs = ogcCrsOf(uri);
  if (!crs) throw new BadRequestError(`querystring parameter "${parameter}" must be one of ${OGC_CRS_URIS.join(', ')}`);
  return crs;
}

interface GeoJsonFeature {
  id: string | number;
  properties: Record<string, unknown>;
}

/** The features as an HTML table of their properties (the geometry is for GIS clients). */
function featuresTable(collection: OgcCollection, features: GeoJsonFeature[]) {
  const columns = [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))];
  return {
    heading: collection.title,
    columns: ['id', ...columns],
    rows: features.map((feature) => [
      escapeHtml(String(feature.id)),
      ...columns.map((c) => escapeHtml(cellText(feature.properties[c]))),
    ]),
  };
}

/** The features of a collection and one feature (Part 1 §7.15–7.16, Part 2 crs and bbox-crs). */
export const ogcItemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ogc/collections/:collectionId/items',
    { schema: { hide: true, params: OgcCollectionParams, querystring: OgcItemsQuery } },
    async (request, reply) => {
      const query = request.query;
      const { viewer, origin, format } = ogcRequestOf(request, query.f);
      const collection = ogcCollectionNamed(request.params.collectionId);
      const crs = crsNamed('crs', query.crs);
      const bboxCrs = crsNamed('bbox-crs', query['bbox-crs']);
      const filter: FeatureFilter = {};
      if (query.bbox !== undefined) {
        const reading = readBbox(query.bbox, bboxCrs);
        if ('problem' in reading) throw new BadRequestError(`querystring parameter ${reading.problem}`);
        filter.envelopes = reading.envelopes;
      }
      if (query.datetime !== undefined) {
        const reading = readDatetime(query.datetime);
        if ('problem' in reading) throw new BadRequestError(`querystring parameter ${reading.problem}`);
        filter.time = reading.interval;
      }
      if (query.after !== undefined && !ogcFeatureKeyOf(collection, query.after)) {
        throw new BadRequestError(`querystring parameter "after" is no feature id of ${collection.id}`);
      }
      const limit = ogcPageSize(query.limit);
      const source = featureSource(collection, { scope: viewer.scope, names: viewer.role !== 'wall' });
      const page = await featurePage(app.db.sql, source, crs, filter, limit, query.after);
      const matched = await countFeatures(app.db.sql, source, filter);
      const linkQuery = {
        limit,
        bbox: query.bbox,
        'bbox-crs': query['bbox-crs'],
        crs: query.crs,
        datetime: query.datetime,
        after: query.after,
      };
      const links: OgcLink[] = itemsLinks(origin, collection.id, format, linkQuery, page.nextAfter);
      const headers = { 'content-crs': contentCrsHeader(crs) };
      const timeStamp = new Date().toISOString();
      if (format === 'html') {
        const features = JSON.parse(page.features) as GeoJsonFeature[];
        const description = `${collection.description} numberMatched ${matched}, numberReturned ${page.returned}, ${crs.uri}`;
        const tables = [featuresTable(collection, features)];
        return sendOgc(
          reply,
          MEDIA_HTML,
          htmlPage({ title: `${collection.title} (${collection.id})`, description, links, tables }),
          headers,
        );
      }
      const head = JSON.stringify({
        type: 'FeatureCollection',
        numberMatched: matched,
        numberReturned: page.returned,
        timeStamp,
        links,
      });
      // The database's feature array is spliced in as text: a 10,000-feature page is never parsed here.
      return sendOgc(reply, MEDIA_GEOJSON, `${head.slice(0, -1)},"features":${page.features}}`, headers);
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    { schema: { hide: true, params: OgcFeatureParams, querystring: OgcItemQuery } },
    async (request, reply) => {
      const { viewer, origin, format } = ogcRequestOf(request, request.query.f);
      const { collectionId, featureId } = request.params;
      const collection = ogcCollectionNamed(collectionId);
      const crs = crsNamed('crs', request.query.crs);
      const key = ogcFeatureKeyOf(collection, featureId);
      const source = featureSource(collection, { scope: viewer.scope, names: viewer.role !== 'wall' });
      // Out of scope reads as missing: a caller of another town learns nothing.
      const feature = key ? await featureById(app.db.sql, source, crs, key) : null;
      if (!feature) throw new NotFoundError(`no feature "${featureId}" in ${collection.id}`);
      const links = itemLinks(origin, collection.id, featureId, format, { crs: request.query.crs });
      const headers = { 'content-crs': contentCrsHeader(crs) };
      if (format === 'html') {
        const parsed = JSON.parse(feature) as GeoJsonFeature;
        const tables = [featuresTable(collection, [parsed])];
        return sendOgc(
          reply,
          MEDIA_HTML,
          htmlPage({ title: `${collection.title} ${featureId}`, links, tables }),
          headers,
        );
      }
      return sendOgc(reply, MEDIA_GEOJSON, `${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`, headers);
    },
  );
};
