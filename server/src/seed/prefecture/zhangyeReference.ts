import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { DivisionRecord } from '../gaotaiReference.js';

/**
 * The prefecture demo's reference data (data/reference/README.md): 张掖市's real divisions from
 * `zhangye-divisions.json` (the prefecture and its counties other than 高台县, with their towns and
 * villages, NBS 2023) and the six county outlines from `gaotai-region-counties.geojson`.
 */
export const prefectureCode = '620700000000';

export interface PrefectureRecord {
  code: string;
  name: string;
  parentCode: string;
}

export interface CountyOutline {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  /** The source's label point (echarts `cp`), at the county seat; lies inside the outline. */
  labelPoint: Position;
}

const referenceDir = new URL('../../../../data/reference/', import.meta.url);

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, referenceDir), 'utf8')) as T;
}

/** The prefecture's record and, per county code, that county's records (county first). */
export function readZhangyeDivisions(): { prefecture: PrefectureRecord; counties: Map<string, DivisionRecord[]> } {
  const { records } = readJson<{ records: (Omit<DivisionRecord, 'level'> & { level: string })[] }>(
    'zhangye-divisions.json',
  );
  const top = records.find((record) => record.level === 'prefecture');
  if (!top || top.code !== prefectureCode) throw new Error('zhangye-divisions.json: no 张掖市 record');
  const counties = new Map<string, DivisionRecord[]>();
  for (const record of records) {
    if (record.level === 'prefecture') continue;
    const county = `${record.code.slice(0, 6)}000000`;
    counties.set(county, [...(counties.get(county) ?? []), record as DivisionRecord]);
  }
  return { prefecture: { code: top.code, name: top.name, parentCode: top.parentCode }, counties };
}

/** The outlines of the prefecture's counties, by code order. */
export function readCountyOutlines(): CountyOutline[] {
  const file = readJson<{
    features: {
      properties: { code: string; name: string; parentCode: string; labelPoint: Position };
      geometry: Polygon | MultiPolygon;
    }[];
  }>('gaotai-region-counties.geojson');
  return file.features
    .filter((feature) => feature.properties.parentCode === prefectureCode)
    .map((feature) => ({
      code: feature.properties.code,
      name: feature.properties.name,
      geometry: feature.geometry,
      labelPoint: feature.properties.labelPoint,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
