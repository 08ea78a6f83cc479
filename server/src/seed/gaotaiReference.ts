import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';

/** A record of `data/reference/gaotai-divisions.json` (real NBS names and codes, see its README). */
export interface DivisionRecord {
  code: string;
  name: string;
  level: 'county' | 'town' | 'village';
  type: string;
  parentCode: string;
  shortName?: string;
}

const referenceDir = new URL('../../../data/reference/', import.meta.url);

export function readGaotaiDivisions(): DivisionRecord[] {
  const file = JSON.parse(readFileSync(new URL('gaotai-divisions.json', referenceDir), 'utf8')) as {
    records: DivisionRecord[];
  };
  return file.records;
}

/** The real county outline (WGS84, one polygon, see the data README for its source and licence). */
export function readGaotaiOutline(): Polygon {
  const file = JSON.parse(readFileSync(new URL('gaotai-county.geojson', referenceDir), 'utf8')) as {
    features: { geometry: Polygon }[];
  };
  const geometry = file.features[0]?.geometry;
  if (!geometry || geometry.type !== 'Polygon') throw new Error('gaotai-county.geojson: expected one Polygon');
  return geometry;
}
