import type { MultiPolygon, Position } from 'geojson';
import * as gcoordModule from 'gcoord';
import { checkGridGeometry } from './gridGeometryInput.js';

/** The coordinate systems an import may declare. CGCS2000 equals WGS84 to centimetres (DESIGN.md). */
// gcoord is CommonJS: under Node's ESM its API is the namespace's default (module.exports).
const gcoord = gcoordModule.default as unknown as typeof gcoordModule.default.default;

export type ImportCrs = 'WGS84' | 'CGCS2000' | 'GCJ-02';

/** At most this many features in one file. */
export const maxImportFeatures = 5_000;

export interface ImportedGrid {
  index: number;
  code?: string;
  name?: string;
  parentCode?: string;
  level?: 'village' | 'group';
  geometry: MultiPolygon;
}

export interface ImportRejection {
  index: number;
  code?: string;
  reason: string;
}

export type ImportFileCheck =
  | { ok: true; grids: ImportedGrid[]; rejected: ImportRejection[] }
  | { ok: false; status: 400 | 413 | 422; message: string };

/** `crs` members RFC 7946 allows to be ignored: they say what the coordinates already are. */
const lonLatCrs = /(CRS84|EPSG::?4326|EPSG::?4490)$/i;

/**
 * Reads an import file: a GeoJSON FeatureCollection (object or text) of Polygon / MultiPolygon
 * grids. Whole-file problems (not JSON, not a FeatureCollection, too many features, a projected
 * `crs`) refuse the file with what is wrong; a bad feature is rejected with its index and reason
 * and the rest go on. GCJ-02 positions are converted to WGS84 (gcoord), after the checks.
 */
export function readImportFile(input: unknown, crs: ImportCrs = 'WGS84'): ImportFileCheck {
  let geojson = input;
  if (typeof input === 'string') {
    try {
      geojson = JSON.parse(input);
    } catch (error) {
      return { ok: false, status: 400, message: `the file is not JSON: ${(error as Error).message}` };
    }
  }
  if (!geojson || typeof geojson !== 'object' || Array.isArray(geojson)) {
    return { ok: false, status: 400, message: 'the file is not GeoJSON: expected a FeatureCollection object' };
  }
  const collection = geojson as { type?: unknown; features?: unknown; crs?: unknown };
  if (collection.type !== 'FeatureCollection') {
    return {
      ok: false,
      status: 400,
      message: `the file is not a GeoJSON FeatureCollection (its type is ${JSON.stringify(collection.type ?? null)})`,
    };
  }
  if (!Array.isArray(collection.features)) {
    return { ok: false, status: 400, message: 'the FeatureCollection has no features array' };
  }
  if (collection.features.length === 0) return { ok: false, status: 422, message: 'the file has no features' };
  if (collection.features.length > maxImportFeatures) {
    return {
      ok: false,
      status: 413,
      message: `the file has ${collection.features.length} features; at most ${maxImportFeatures} can be imported at once`,
    };
  }
  const crsName = (collection.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (collection.crs !== undefined && !(typeof crsName === 'string' && lonLatCrs.test(crsName))) {
    return {
      ok: false,
      status: 422,
      message: `the file declares the coordinate system ${JSON.stringify(crsName ?? collection.crs)}; gridmap imports longitude/latitude in WGS84 / CGCS2000 or GCJ-02 (say which with crs)`,
    };
  }

  const grids: ImportedGrid[] = [];
  const rejected: ImportRejection[] = [];
  const seen = new Set<string>();
  collection.features.forEach((raw, index) => {
    const feature = raw as { type?: unknown; geometry?: unknown; properties?: Record<string, unknown> | null };
    const properties = feature?.properties ?? {};
    const code = typeof properties['code'] === 'string' ? properties['code'] : undefined;
    const reject = (reason: string) => rejected.push(code ? { index, code, reason } : { index, reason });
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') return reject('not a GeoJSON Feature');
    if (code !== undefined && !/^[0-9]{12}$|^[0-9]{15}$/.test(code)) {
      return reject(`code "${code}" is not a 12-digit village or 15-digit group code`);
    }
    if (code && seen.has(code)) return reject(`code ${code} appears twice in the file`);
    const checked = checkGridGeometry(feature.geometry);
    if (!checked.ok) return reject(checked.reason);
    if (code) seen.add(code);
    const name = typeof properties['name'] === 'string' ? properties['name'].trim().slice(0, 64) : undefined;
    const parentCode = typeof properties['parentCode'] === 'string' ? properties['parentCode'] : undefined;
    const level =
      properties['level'] === 'village' || properties['level'] === 'group'
        ? properties['level']
        : code
          ? code.length === 15
            ? 'group'
            : 'village'
          : undefined;
    const geometry = crs === 'GCJ-02' ? gcj02ToWgs84(checked.geometry) : checked.geometry;
    grids.push({
      index,
      geometry,
      ...(code ? { code } : {}),
      ...(name ? { name } : {}),
      ...(parentCode ? { parentCode } : {}),
      ...(level ? { level } : {}),
    });
  });
  return { ok: true, grids, rejected };
}

/** GCJ-02 (Gaode / Tencent, "Mars coordinates") → WGS84, position by position. */
export function gcj02ToWgs84(geometry: MultiPolygon): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((rings) =>
      rings.map((ring) => {
        const converted = ring.map(
          (position) => gcoord.transform([position[0]!, position[1]!], gcoord.GCJ02, gcoord.WGS84) as Position,
        );
        // Keep the ring closed exactly (the conversion is deterministic, but be sure).
        converted[converted.length - 1] = converted[0]!;
        return converted;
      }),
    ),
  };
}
