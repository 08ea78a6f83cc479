import type { Database, Sql } from '../../db/database.js';
import { publishEvent } from '../../outbox/publishEvent.js';
import { viewerCoversGrid, type Viewer } from '../../domain/accessRole.js';
import { recordAudit } from '../audit/auditRepo.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import type { CameraState, CameraStatus } from '../../contract/cameras.js';

export type { CameraState, CameraStatus };

export type CameraStatusResult = { found: false } | { found: true; changed: boolean; camera: CameraState };

/**
 * Stores a reported camera status. Online refreshes last_seen (the device was just heard from);
 * offline keeps it, so it still says when the camera was last up. A change publishes a `camera`
 * event in the same transaction; a repeat of the current status (a feed's heartbeat) does not.
 * `viewer`: a camera outside its scope is not found. A change is audited (`camera.status`); a
 * heartbeat only refreshes last_seen and is not, or the trail would be mostly heartbeats.
 */
export async function setCameraStatus(
  db: Database,
  id: string,
  status: CameraStatus,
  now: Date = new Date(),
  viewer: Viewer | null = null,
): Promise<CameraStatusResult> {
  return db.transaction(async (sql): Promise<CameraStatusResult> => {
    const locked = await sql<{ status: CameraStatus; groupCode: string }>`
      SELECT status, group_code AS "groupCode" FROM cameras WHERE id = ${id} FOR UPDATE`;
    const before = locked[0];
    if (!before || (viewer && !viewerCoversGrid(viewer, before.groupCode))) return { found: false };
    const changed = before.status !== status;
    if (status === 'online') {
      await sql`UPDATE cameras SET status = 'online', last_seen = greatest(last_seen, ${now}::timestamptz) WHERE id = ${id}`;
    } else if (changed) {
      await sql`UPDATE cameras SET status = 'offline' WHERE id = ${id}`;
    }
    const camera = await readCameraState(sql, id);
    if (changed) {
      await recordAudit(sql, {
        actor: viewer,
        action: 'camera.status',
        entity: 'camera',
        entityKey: id,
        before: { status: before.status },
        after: { status: camera.status, lastSeen: camera.lastSeen },
        place: camera.groupCode,
      });
      await publishEvent(sql, {
        kind: 'camera',
        townCode: camera.townCode,
        villageCode: camera.villageCode,
        groupCode: camera.groupCode,
        payload: { cameraId: camera.id, status: camera.status, lastSeen: camera.lastSeen },
      });
    }
    return { found: true, changed, camera };
  });
}

async function readCameraState(sql: Sql, id: string): Promise<CameraState> {
  const rows = await sql<{
    id: string;
    name: string;
    site: string;
    status: CameraStatus;
    last_seen: string;
    town_code: string;
    village_code: string;
    group_code: string;
    lon: number;
    lat: number;
  }>`
    SELECT id, name, site, status, ${isoTimestampSql('last_seen')} AS last_seen, town_code, village_code, group_code,
      ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM cameras WHERE id = ${id}`;
  const row = rows[0];
  if (!row) throw new Error(`camera ${id} vanished inside its own transaction`);
  return {
    id: row.id,
    name: row.name,
    site: row.site,
    status: row.status,
    lastSeen: row.last_seen,
    townCode: row.town_code,
    villageCode: row.village_code,
    groupCode: row.group_code,
    lon: row.lon,
    lat: row.lat,
  };
}
