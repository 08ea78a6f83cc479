import type { MultiPolygon, Polygon } from 'geojson';
import type { CountyPlan } from './countyPlan.js';
import { nodeSharedEdges } from './sharedEdgeNoding.js';

interface Slot {
  get: () => Polygon | MultiPolygon;
  set: (shape: Polygon | MultiPolygon) => void;
}

/**
 * Gives every level of the given counties identical vertex chains along shared borders (see
 * nodeSharedEdges), across counties too when several are given at once, plus any `extra` outlines
 * (the prefecture's). A MultiPolygon is noded part by part and put back together.
 */
export function nodeCountyPlans(plans: readonly CountyPlan[], extra: Slot[] = []): void {
  const slots: Slot[] = [...extra];
  for (const plan of plans) {
    slots.push({ get: () => plan.geometry, set: (shape) => (plan.geometry = shape) });
    for (const town of plan.towns) {
      slots.push({ get: () => town.geometry, set: (shape) => (town.geometry = shape as Polygon) });
      for (const village of town.villages) {
        slots.push({ get: () => village.geometry, set: (shape) => (village.geometry = shape as Polygon) });
        for (const group of village.groups)
          slots.push({ get: () => group.geometry, set: (shape) => (group.geometry = shape as Polygon) });
      }
    }
  }
  const parts: Polygon[] = [];
  const partCounts = slots.map((slot) => {
    const shape = slot.get();
    if (shape.type === 'Polygon') {
      parts.push(shape);
      return 0;
    }
    for (const coordinates of shape.coordinates) parts.push({ type: 'Polygon', coordinates });
    return shape.coordinates.length;
  });
  const noded = nodeSharedEdges(parts);
  let next = 0;
  slots.forEach((slot, index) => {
    const count = partCounts[index]!;
    if (count === 0) {
      slot.set(noded[next++]!);
      return;
    }
    const coordinates = noded.slice(next, next + count).map((part) => part.coordinates);
    next += count;
    slot.set({ type: 'MultiPolygon', coordinates });
  });
}
