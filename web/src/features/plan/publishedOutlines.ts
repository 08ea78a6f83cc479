import type { FeatureCollection, Geometry } from 'geojson';
import { getJson } from '../../lib/api/getJson.js';
import type { PlanImpact, PlanSummary } from '../../lib/api/plansTypes.js';
import type { ReferenceOutlines } from './map/planEditorPort.js';

/**
 * The published grids of the plan's scope, as dashed outlines to draw under the plan; those the
 * plan changes or removes (per the impact as it is once they arrived) are highlighted.
 */
export async function publishedOutlines(
  plan: PlanSummary,
  impact: () => PlanImpact | null,
): Promise<ReferenceOutlines> {
  const levels = plan.scope.endsWith('000') ? ['village', 'group'] : ['group'];
  const collections = await Promise.all(
    levels.map((level) =>
      fetchGrids(`/api/grids?parent=${encodeURIComponent(plan.scope)}&level=${level}`).catch(() => null),
    ),
  );
  const changed = new Set([...(impact()?.grids.changed ?? []), ...(impact()?.grids.removed ?? [])]);
  const features = collections.flatMap((collection) => collection?.features ?? []);
  return {
    grids: {
      type: 'FeatureCollection',
      features: features.map((feature) => ({
        type: 'Feature',
        geometry: feature.geometry,
        properties: { code: feature.properties.code, highlight: changed.has(feature.properties.code) },
      })),
    },
  };
}

function fetchGrids(path: string): Promise<FeatureCollection<Geometry, { code: string }>> {
  return getJson<FeatureCollection<Geometry, { code: string }>>(path);
}
