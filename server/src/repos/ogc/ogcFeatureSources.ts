import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import { descendantCodeRange, isBelow, type GridCode } from '../../domain/gridCode.js';
import type { OgcCollection } from '../../domain/ogc/ogcCollections.js';
import { gridScopeCondition, isoTimestampSql } from '../sql/gridScopeSql.js';
import { maskedNameSql } from '../sql/personalDataSql.js';

/**
 * Where each OGC collection's features come from: table, key, geometry, properties and the
 * condition of the viewer's scope. The properties are those of the REST list of the same thing
 * (repos/streets, households, cameras, cases; the OGC API test compares them feature by feature),
 * so a QGIS layer shows what the map's side panel shows, masked the same way.
 */
export interface FeatureSource {
  /** `FROM …` with the table alias `t`. */
  from: SqlQuery;
  /** The paging key and feature id (`t.code`, `t.id`); unique in the collection. */
  key: string;
  /** bigint keys are compared as bigint so their index serves the keyset. */
  keyType: 'text' | 'bigint';
  /** The geometry column expression, in EPSG:4326. */
  geometry: string;
  /** json_build_object of the feature's properties. */
  properties: SqlQuery;
  /** The rows the viewer may read. */
  scope: SqlQuery;
  /** The instant or period `datetime` is tested against, or null when it is ignored. */
  time: { start: string; end: string | null } | null;
}

export interface SourceOptions {
  /** The viewer's scope grid. */
  scope: GridCode;
  /** false: no personal name at all, not even masked (a wall display). */
  names: boolean;
}

const OPEN_CASE = sqlPart`t.status IN ('registered', 'accepted', 'mediating')`;

/** The current grids of a level inside the scope (the scope itself at its own level; none above it). */
function gridScope(level: NonNullable<OgcCollection['gridLevel']>, scope: GridCode): SqlQuery {
  if (level === scope.level) return sqlPart`t.level = ${level} AND t.valid_to IS NULL AND t.code = ${scope.code}`;
  const range = isBelow(level, scope.level) ? descendantCodeRange(scope, level) : null;
  if (!range) return sqlPart`FALSE`;
  return sqlPart`t.level = ${level} AND t.valid_to IS NULL AND t.code BETWEEN ${range.from} AND ${range.to}`;
}

export function featureSource(collection: OgcCollection, options: SourceOptions): FeatureSource {
  const scoped = gridScopeCondition('t', options.scope.scope);
  if (collection.gridLevel) {
    return {
      from: sqlPart`FROM grids t`,
      key: 't.code',
      keyType: 'text',
      geometry: 'ST_ForcePolygonCCW(t.geom)',
      properties: sqlPart`json_build_object(
        'code', t.code,
        'name', t.name,
        'level', t.level,
        'parentCode', t.parent_code,
        'version', t.version,
        -- One decimal: written 16179037.0, a GIS client types the field as a real number from the
        -- first page it reads (GDAL guessed 32-bit integers, and a county's 1.6e10 m² overflowed).
        'areaM2', round(t.area_m2::numeric, 1),
        'validFrom', ${isoTimestampSql('t.valid_from')})`,
      scope: gridScope(collection.gridLevel, options.scope),
      time: { start: 't.valid_from', end: 't.valid_to' },
    };
  }
  switch (collection.id) {
    case 'streets': {
      const chiefName = options.names
        ? sqlPart`(SELECT ${maskedNameSql('p.name')} FROM member_private p WHERE p.member_id = t.chief_id)`
        : sqlPart`NULL::text`;
      return {
        from: sqlPart`FROM streets t`,
        key: 't.id',
        keyType: 'bigint',
        geometry: 't.geom',
        properties: sqlPart`json_build_object(
          'id', t.id,
          'name', t.name,
          'chiefName', ${chiefName},
          'lengthM', round(t.length_m::numeric),
          'groupCode', t.group_code)`,
        scope: scoped,
        time: null,
      };
    }
    case 'households': {
      const headName = options.names
        ? sqlPart`(SELECT ${maskedNameSql('p.head_name')} FROM household_private p WHERE p.household_id = t.id)`
        : sqlPart`NULL::text`;
      return {
        from: sqlPart`FROM households t`,
        key: 't.id',
        keyType: 'bigint',
        geometry: 't.geom',
        properties: sqlPart`json_build_object(
          'id', t.id,
          'houseNo', t.house_no,
          'size', t.size,
          'headName', ${headName},
          'linked', EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = t.id),
          'groupCode', t.group_code)`,
        scope: scoped,
        time: null,
      };
    }
    case 'cameras':
      return {
        from: sqlPart`FROM cameras t`,
        key: 't.id',
        keyType: 'text',
        geometry: 't.geom',
        properties: sqlPart`json_build_object(
          'id', t.id,
          'name', t.name,
          'site', t.site,
          'status', t.status,
          'lastSeen', ${isoTimestampSql('t.last_seen')},
          'groupCode', t.group_code)`,
        scope: scoped,
        time: { start: 't.last_seen', end: 't.last_seen' },
      };
    case 'cases':
      return {
        from: sqlPart`FROM cases t JOIN case_categories cat ON cat.code = t.category`,
        key: 't.serial',
        keyType: 'text',
        geometry: 't.geom',
        properties: sqlPart`json_build_object(
          'serial', t.serial,
          'category', t.category,
          'categoryName', cat.name_zh,
          'status', t.status,
          'level', t.level,
          'deadlineState', CASE
            WHEN t.stage_due_at < now() THEN 'red'
            WHEN t.stage_warn_at <= now() THEN 'yellow'
            ELSE 'green' END,
          'reportedAt', ${isoTimestampSql('t.reported_at')},
          'stageWarnAt', ${isoTimestampSql('t.stage_warn_at')},
          'stageDueAt', ${isoTimestampSql('t.stage_due_at')},
          'summary', t.summary,
          'major', t.major,
          'groupCode', t.group_code)`,
        scope: sqlPart`${scoped} AND ${OPEN_CASE}`,
        time: { start: 't.reported_at', end: 't.reported_at' },
      };
    default:
      throw new Error(`no feature source for the collection ${collection.id}`);
  }
}

/** `t.key > after` in the key's own type. */
export function keyAfter(source: FeatureSource, after: string): SqlQuery {
  const key = sqlRaw(source.key);
  return source.keyType === 'bigint' ? sqlPart`${key} > ${after}::bigint` : sqlPart`${key} > ${after}`;
}

export function keyEquals(source: FeatureSource, value: string): SqlQuery {
  const key = sqlRaw(source.key);
  return source.keyType === 'bigint' ? sqlPart`${key} = ${value}::bigint` : sqlPart`${key} = ${value}`;
}
