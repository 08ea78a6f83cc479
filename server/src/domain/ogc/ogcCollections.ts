import type { GridLevel } from '../gridCode.js';

/**
 * The feature collections gridmap publishes through OGC API – Features (issue #16), with the
 * titles a QGIS user sees (zh-CN, the users' language) and what each collection's `datetime`
 * filters on. Pure: no I/O.
 */
export const OGC_COLLECTION_IDS = [
  'prefectures',
  'counties',
  'towns',
  'villages',
  'groups',
  'streets',
  'cameras',
  'cases',
  'households',
] as const;
export type OgcCollectionId = (typeof OGC_COLLECTION_IDS)[number];

/**
 * What `datetime` selects by: a grid's valid period (from its publication, open while current),
 * a case's report time, a camera's last contact; none: `datetime` is ignored (the collection has
 * no temporal extent to intersect, Part 1 §7.15.4).
 */
export type OgcTimeProperty = 'validPeriod' | 'reportedAt' | 'lastSeen' | null;

export interface OgcCollection {
  id: OgcCollectionId;
  title: string;
  description: string;
  geometry: 'MultiPolygon' | 'LineString' | 'Point';
  /** Set for the grid levels; the other collections are entities with scope columns. */
  gridLevel: GridLevel | null;
  time: OgcTimeProperty;
  /** Feature ids: grid codes, serials and device ids are digit strings, streets and households integers. */
  idKind: 'code' | 'integer';
}

const grid = (id: OgcCollectionId, level: GridLevel, title: string, description: string): OgcCollection => ({
  id,
  title,
  description,
  geometry: 'MultiPolygon',
  gridLevel: level,
  time: 'validPeriod',
  idKind: 'code',
});

export const OGC_COLLECTIONS: readonly OgcCollection[] = [
  grid('prefectures', 'prefecture', '市（州）', 'Prefectures: current grid outlines with the 12-digit division code.'),
  grid('counties', 'county', '县（区）', 'Counties: current grid outlines with the 12-digit division code.'),
  grid('towns', 'town', '乡镇（街道）', 'Towns (镇/乡/街道): current grid outlines, code, name and parent code.'),
  grid('villages', 'village', '村（社区）', 'Villages and communities (村/社区): current grid outlines.'),
  grid('groups', 'group', '村民小组（社）', 'Villager groups (组/社): 15-digit codes (village code + sequence).'),
  {
    id: 'streets',
    title: '责任街巷（党员包街巷）',
    description: 'Responsibility streets, each with its street chief masked (张**), as GET /api/streets.',
    geometry: 'LineString',
    gridLevel: null,
    time: null,
    idKind: 'integer',
  },
  {
    id: 'cameras',
    title: '雪亮工程摄像头',
    description: 'Cameras (GB/T 28181 device id), online status and last contact; datetime filters on lastSeen.',
    geometry: 'Point',
    gridLevel: null,
    time: 'lastSeen',
    idKind: 'code',
  },
  {
    id: 'cases',
    title: '在办矛盾纠纷、事件',
    description:
      'Open cases (registered, accepted, mediating): serial, category, status, level, deadline; no personal data. datetime filters on reportedAt.',
    geometry: 'Point',
    gridLevel: null,
    time: 'reportedAt',
    idKind: 'code',
  },
  {
    id: 'households',
    title: '住户',
    description: 'Households: house number, size, head of household masked (张**), as GET /api/households.',
    geometry: 'Point',
    gridLevel: null,
    time: null,
    idKind: 'integer',
  },
];

export function ogcCollectionOf(id: string): OgcCollection | null {
  return OGC_COLLECTIONS.find((collection) => collection.id === id) ?? null;
}

/**
 * A feature id as the collection's key, or null when no feature can have it (the item is then
 * 404, as for one that does not exist): digits only; an integer within PostgreSQL's bigint.
 */
export function ogcFeatureKeyOf(collection: OgcCollection, featureId: string): string | null {
  if (collection.idKind === 'integer') return /^[1-9][0-9]{0,17}$/.test(featureId) ? featureId : null;
  return /^[0-9]{12,20}$/.test(featureId) ? featureId : null;
}

/** The maximum and default of `limit` (Part 1 /req/core/fc-limit-definition); more is capped. */
export const OGC_LIMIT_MAX = 10_000;
export const OGC_LIMIT_DEFAULT = 10;

export function ogcPageSize(limit: number | undefined): number {
  return Math.min(limit ?? OGC_LIMIT_DEFAULT, OGC_LIMIT_MAX);
}
