import { Type, type Static } from 'typebox';

/**
 * The request parameters of OGC API – Features at `/ogc` (issue #16 part 2; Part 1 core and Part 2
 * CRS). Every query refuses a parameter the API does not define (400, /req/core/query-param-unknown).
 * The replies are documented by the OGC API's own OpenAPI 3.0 document at `/ogc/api`.
 */
const Format = Type.Optional(
  Type.Enum(['json', 'html'], { description: 'representation: JSON (default) or HTML; overrides Accept' }),
);

export const OgcDocumentQuery = Type.Object({ f: Format }, { additionalProperties: false });
export type OgcDocumentQuery = Static<typeof OgcDocumentQuery>;

export const OgcCollectionParams = Type.Object({ collectionId: Type.String({ maxLength: 64 }) });
export type OgcCollectionParams = Static<typeof OgcCollectionParams>;

export const OgcFeatureParams = Type.Object({
  collectionId: Type.String({ maxLength: 64 }),
  featureId: Type.String({ maxLength: 64 }),
});
export type OgcFeatureParams = Static<typeof OgcFeatureParams>;

const Crs = Type.Optional(
  Type.String({ maxLength: 200, description: 'CRS URI of the reply; one of the collection’s `crs` list' }),
);

export const OgcItemsQuery = Type.Object(
  {
    f: Format,
    limit: Type.Optional(
      Type.Integer({ minimum: 1, description: 'features per page (default 10; above 10000 capped at 10000)' }),
    ),
    bbox: Type.Optional(Type.String({ maxLength: 400, description: 'minx,miny,maxx,maxy in the bbox-crs axis order' })),
    'bbox-crs': Type.Optional(Type.String({ maxLength: 200, description: 'CRS URI of bbox (default CRS84)' })),
    crs: Crs,
    datetime: Type.Optional(Type.String({ maxLength: 100, description: 'RFC 3339 instant or interval' })),
    after: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,20}$', description: 'the last feature id of the previous page (next links)' }),
    ),
  },
  { additionalProperties: false },
);
export type OgcItemsQuery = Static<typeof OgcItemsQuery>;

export const OgcItemQuery = Type.Object({ f: Format, crs: Crs }, { additionalProperties: false });
export type OgcItemQuery = Static<typeof OgcItemQuery>;
