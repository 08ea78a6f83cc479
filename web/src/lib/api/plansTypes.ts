import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  PlanGridProperties,
  PlanImpact,
  PlanImportBody,
  PlanImportReply,
  PlanLock as ContractPlanLock,
  PlanProblem as ContractPlanProblem,
  PlanPublishReply,
  PlanSummary,
  PlanValidation as ContractPlanValidation,
  SavedGrid,
} from '@contract/plan.js';
import type { GridVersionComparison, GridVersionSummary } from '@contract/gridVersions.js';

// The plans API as the editor reads it: the contract's types, with the geometry the schemas leave
// open (`Type.Unknown`, since the routes check it with geojson-validation) narrowed to what the
// server actually sends.

export type { GridVersionSummary, PlanGridProperties, PlanImpact, PlanSummary, SavedGrid };

/** A lock as held (the contract's reply is this or null). */
export type PlanLock = NonNullable<ContractPlanLock>;

/** The server's plan id (an integer); the web treats it as text in paths. */
export type PlanId = string | number;

export type PlanGridFeature = Feature<Polygon | MultiPolygon, PlanGridProperties>;
export type PlanGridCollection = FeatureCollection<Polygon | MultiPolygon, PlanGridProperties>;

/** A problem with its location typed as the geometry it is. */
export type PlanProblem = Omit<ContractPlanProblem, 'location'> & { location?: Point | Polygon | MultiPolygon };

export type PlanValidation = Omit<ContractPlanValidation, 'problems'> & { problems: PlanProblem[] };

/** One list of the impact (households, streets, cameras, staff or open cases). */
export type ImpactList = PlanImpact[Exclude<keyof PlanImpact, 'grids'>];

export type PublishResult = PlanPublishReply;

export type Crs = NonNullable<PlanImportBody['crs']>;

export type ImportResult = PlanImportReply;

export type { VersionGridCollection } from '@contract/gridVersions.js';

/** Two versions compared, each change's outlines typed as the MultiPolygons they are. */
export type VersionComparison = Omit<GridVersionComparison, 'changed'> & {
  changed: (Omit<GridVersionComparison['changed'][number], 'from' | 'to'> & {
    from: MultiPolygon | null;
    to: MultiPolygon | null;
  })[];
};
