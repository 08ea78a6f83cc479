import type { CameraView } from '@contract/cameraViews.js';
import type { CameraProperties } from '../../../lib/api/mapFeatures.js';
import { mapData } from '../../../lib/api/mapData.js';
import { sendJson } from '../../../lib/api/sendJson.js';

export type { CameraView };

/**
 * Opens a village's cameras: lists them, and tells the server they were looked at, which records
 * the slot's online patrol (视频巡查) as its by-product — there is no patrol button to press.
 */
export async function openVillageCameras(
  villageCode: string,
  signal?: AbortSignal,
): Promise<{ cameras: CameraProperties[]; view: CameraView | null }> {
  const collection = await mapData.cameras(villageCode, signal);
  const cameras = collection.features
    .map((feature) => feature.properties)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  if (cameras.length === 0) return { cameras, view: null };
  const view = await sendJson<CameraView>(
    'POST',
    '/api/cameras/views',
    { villageCode, cameraIds: cameras.map((camera) => camera.id) },
    { signal },
  );
  return { cameras, view };
}
