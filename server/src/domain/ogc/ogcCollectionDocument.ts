import type { OgcCollection } from './ogcCollections.js';
import { CRS84, OGC_CRS_URIS } from './ogcCrs.js';
import { collectionLinks, type OgcLink } from './ogcLinks.js';
import type { OgcFormat } from './ogcMediaType.js';

/** One collection's description (Part 1 §7.14, Part 2 §6.2: its CRS list and storage CRS). Pure. */
export interface OgcCollectionDocument {
  id: string;
  title: string;
  description: string;
  links: OgcLink[];
  extent?: {
    spatial: { bbox: [number, number, number, number][]; crs: string };
    temporal?: { interval: [string | null, string | null][]; trs: string };
  };
  itemType: 'feature';
  crs: readonly string[];
  storageCrs: string;
}

const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

export function ogcCollectionDocument(
  origin: string,
  collection: OgcCollection,
  format: OgcFormat,
  bbox: [number, number, number, number] | null,
  interval: [string | null, string | null] | null,
): OgcCollectionDocument {
  const document: OgcCollectionDocument = {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    links: collectionLinks(origin, collection.id, format),
    itemType: 'feature',
    crs: OGC_CRS_URIS,
    storageCrs: CRS84,
  };
  if (bbox) {
    document.extent = { spatial: { bbox: [bbox], crs: CRS84 } };
    if (interval) document.extent.temporal = { interval: [interval], trs: GREGORIAN };
  }
  return document;
}
