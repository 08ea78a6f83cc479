import { OGC_COLLECTION_IDS } from '../../domain/ogc/ogcCollections.js';
import { OGC_CRS_URIS } from '../../domain/ogc/ogcCrs.js';
import { OGC_LIMIT_DEFAULT, OGC_LIMIT_MAX } from '../../domain/ogc/ogcCollections.js';
import { MEDIA_GEOJSON, MEDIA_HTML, MEDIA_JSON, MEDIA_OPENAPI, OGC_BASE_PATH } from '../../domain/ogc/ogcLinks.js';

/**
 * The OpenAPI 3.0 document of the OGC API at `/ogc/api` (/req/oas30): hand-built, separate from
 * the REST API's generated one at /docs, with the parameter fragments of Part 1 (limit, bbox,
 * datetime) and Part 2 (crs, bbox-crs) as the standard writes them. The server URL is the origin
 * the client used.
 */
const parameter = (name: string, description: string, schema: object, extra: object = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  style: 'form',
  explode: false,
  ...extra,
});

const f = parameter('f', 'representation (overrides Accept)', { type: 'string', enum: ['json', 'html'] });
const crs = parameter('crs', 'CRS of the reply', { type: 'string', format: 'uri', enum: OGC_CRS_URIS });

const errorContent = {
  [MEDIA_JSON]: {
    schema: {
      type: 'object',
      required: ['error', 'message'],
      properties: { error: { type: 'string' }, message: { type: 'string' } },
    },
  },
};

function responses(types: string[], errors: number[]) {
  const ok = Object.fromEntries(
    types.map((type) => [type, { schema: { type: type === MEDIA_HTML ? 'string' : 'object' } }]),
  );
  const described: Record<number, string> = {
    400: 'a parameter is invalid or unknown; the message names it',
    401: 'not signed in, or the API token is unknown, expired or revoked',
    404: 'no such collection or feature in the caller’s scope',
  };
  return {
    200: { description: 'the resource', content: ok },
    ...Object.fromEntries(errors.map((code) => [code, { description: described[code], content: errorContent }])),
  };
}

export function ogcOpenApi(origin: string): object {
  const collectionId = {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: OGC_COLLECTION_IDS },
  };
  const featureId = { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } };
  const document = (summary: string, errors = [400, 401]) => ({
    get: { summary, parameters: [f], responses: responses([MEDIA_JSON, MEDIA_HTML], errors) },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'gridmap OGC API – Features',
      version: '1.0.0',
      description:
        '网格地图 OGC API – Features (Part 1 core, Part 2 CRS). Authenticate with `Authorization: Bearer <API token>` (make one at /tokens). Every collection holds only what the token’s account may read.',
    },
    servers: [{ url: `${origin}${OGC_BASE_PATH}` }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/': document('Landing page'),
      '/conformance': document('Conformance classes'),
      '/api': {
        get: {
          summary: 'This document',
          parameters: [f],
          responses: responses([MEDIA_OPENAPI, MEDIA_HTML], [400, 401]),
        },
      },
      '/collections': document('Feature collections'),
      '/collections/{collectionId}': {
        get: {
          summary: 'One feature collection',
          parameters: [collectionId, f],
          responses: responses([MEDIA_JSON, MEDIA_HTML], [400, 401, 404]),
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'Features of a collection, in key order, paged by `next` links',
          parameters: [
            collectionId,
            parameter('limit', `features per page; above ${OGC_LIMIT_MAX} capped`, {
              type: 'integer',
              minimum: 1,
              maximum: OGC_LIMIT_MAX,
              default: OGC_LIMIT_DEFAULT,
            }),
            parameter(
              'bbox',
              'lower and upper corner, in the axis order of bbox-crs (CRS84: lon,lat; EPSG:4490/4326: lat,lon)',
              {
                type: 'array',
                oneOf: [
                  { minItems: 4, maxItems: 4 },
                  { minItems: 6, maxItems: 6 },
                ],
                items: { type: 'number' },
              },
            ),
            parameter('bbox-crs', 'CRS of bbox', { type: 'string', format: 'uri', enum: OGC_CRS_URIS }),
            parameter('datetime', 'RFC 3339 instant or interval (`..` open)', { type: 'string' }),
            crs,
            parameter('after', 'the last feature id of the previous page (set by next links)', {
              type: 'string',
              pattern: '^[0-9]{1,20}$',
            }),
            f,
          ],
          responses: responses([MEDIA_GEOJSON, MEDIA_HTML], [400, 401, 404]),
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          summary: 'One feature',
          parameters: [collectionId, featureId, crs, f],
          responses: responses([MEDIA_GEOJSON, MEDIA_HTML], [400, 401, 404]),
        },
      },
    },
  };
}
