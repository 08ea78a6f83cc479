import { Type, type Static } from 'typebox';
import { Feature, LimitedFeatureCollection, PointGeometry } from './geojson.js';

/** Cameras (雪亮工程): the layer of a grid (`GET /api/cameras`) and status reports (`POST /api/cameras/:id/status`). */

export const CameraStatus = Type.Enum(['online', 'offline']);
export type CameraStatus = Static<typeof CameraStatus>;

export const CameraFeatureProperties = Type.Object({
  id: Type.String({ description: '20-digit GB/T 28181 device id' }),
  name: Type.String(),
  site: Type.Enum(['road', 'junction', 'public_place', 'village_entrance', 'household']),
  status: CameraStatus,
  lastSeen: Type.String({ format: 'date-time' }),
  groupCode: Type.String(),
});
export type CameraFeatureProperties = Static<typeof CameraFeatureProperties>;

export const CameraFeature = Feature(PointGeometry, CameraFeatureProperties, Type.String());
export type CameraFeature = Static<typeof CameraFeature>;

export const CameraCollection = LimitedFeatureCollection(CameraFeature, 'cameras');
export type CameraCollection = Static<typeof CameraCollection>;

export const CameraIdParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{20}$', description: '20-digit GB/T 28181 device id' }),
});
export type CameraIdParams = Static<typeof CameraIdParams>;

export const CameraStatusBody = Type.Object({ status: CameraStatus });
export type CameraStatusBody = Static<typeof CameraStatusBody>;

/** A camera's state as stored after a status report. */
export const CameraState = Type.Object({
  id: Type.String({ description: '20-digit GB/T 28181 device id' }),
  name: Type.String(),
  site: Type.String(),
  status: CameraStatus,
  lastSeen: Type.String({ format: 'date-time' }),
  townCode: Type.String(),
  villageCode: Type.String(),
  groupCode: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
});
export type CameraState = Static<typeof CameraState>;

export const CameraStatusReply = Type.Object({
  ...CameraState.properties,
  changed: Type.Boolean({ description: 'false when the camera already had this status (no event was published)' }),
});
export type CameraStatusReply = Static<typeof CameraStatusReply>;
