import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * The offline basemap's reference layers: committed GeoJSON under `data/reference/` (see its
 * README for sources and licence). Read once and kept serialized, since every map load asks for it
 * and the file only changes with a deployment.
 */
export interface BasemapDocument {
  /** The GeoJSON text exactly as served. */
  body: string;
  /** A strong validator over the bytes, quoted as HTTP wants it. */
  etag: string;
}

export const regionCountiesPath = fileURLToPath(
  new URL('../../../../data/reference/gaotai-region-counties.geojson', import.meta.url),
);

export function basemapRepo(paths: { region: string } = { region: regionCountiesPath }) {
  let region: Promise<BasemapDocument> | undefined;
  return {
    /** 张掖市's six counties and their neighbours (FeatureCollection, WGS84). */
    region(): Promise<BasemapDocument> {
      region ??= readDocument(paths.region).catch((error: unknown) => {
        // A missing file must not stay cached as a failure once it has been put in place.
        region = undefined;
        throw error;
      });
      return region;
    },
  };
}

async function readDocument(path: string): Promise<BasemapDocument> {
  const text = await readFile(path, 'utf8');
  // Re-serializing drops the file's whitespace (~25 % of the bytes) and proves it is JSON.
  const body = JSON.stringify(JSON.parse(text));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
