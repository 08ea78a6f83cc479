import { OGC_COLLECTION_IDS, ogcCollectionOf, type OgcCollection } from '../../domain/ogc/ogcCollections.js';
import { NotFoundError } from '../../http/errorReplies.js';

/** The collection a path names; 404 naming the collections there are (/req/core/sfc-md-op). */
export function ogcCollectionNamed(id: string): OgcCollection {
  const collection = ogcCollectionOf(id);
  if (!collection) throw new NotFoundError(`no collection "${id}"; collections are ${OGC_COLLECTION_IDS.join(', ')}`);
  return collection;
}
