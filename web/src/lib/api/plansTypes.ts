import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  PlanProblem as ServerPlanProblem,
  PlanSummary as ServerPlanSummary,
  PlanValidation as ServerPlanValidation,
} from '@contract/plan.js';

// The plans API (issue #5, .team/plan-contract.md) as the editor reads it. Only the fields the web
// uses are listed.

type PlanStatus = 'draft' | 'published' | 'abandoned';

export interface PlanLock {
  holder: string;
  expiresAt: string;
}

/** The server's plan id (an integer); the web treats it as text in paths. */
export type PlanId = string | number;

/** A plan as listed (server/src/routes/schemas/plan.ts). */
export type PlanSummary = ServerPlanSummary;

export interface PlanGridProperties {
  code: string;
  version: number;
  level: 'village' | 'group';
  name: string;
  parentCode: string;
  households: number;
  gridHead: boolean;
}

export type PlanGridFeature = Feature<Polygon | MultiPolygon, PlanGridProperties>;
export type PlanGridCollection = FeatureCollection<Polygon | MultiPolygon, PlanGridProperties>;

type ProblemKind = ServerPlanProblem['kind'];

/** A problem with its location typed as the geometry it is (the schema leaves it open). */
export type PlanProblem = Omit<ServerPlanProblem, 'location'> & { location?: Point | Polygon | MultiPolygon };

export type PlanValidation = Omit<ServerPlanValidation, 'problems'> & { problems: PlanProblem[] };

export interface ImpactList {
  count: number;
  items: { id: string; from: string | null; to: string | null; name?: string }[];
}

export interface PlanImpact {
  households: ImpactList;
  streets: ImpactList;
  cameras: ImpactList;
  staff: ImpactList;
  openCases: ImpactList;
  grids: { added: string[]; removed: string[]; changed: string[] };
}

export interface SavedGrid {
  code: string;
  version: number;
}

export interface PublishResult {
  gridVersion: number;
  changed: number;
}

export interface GridVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
  planId: PlanId | null;
  planName: string | null;
  changed: number;
}

export type Crs = 'WGS84' | 'CGCS2000' | 'GCJ-02';

export interface ImportResult {
  id: PlanId;
  imported: number;
  rejected: { index: number; code?: string; reason: string }[];
}

export interface VersionGridProperties {
  code: string;
  name: string;
  level: string;
  parentCode?: string | null;
}

export type VersionGridCollection = FeatureCollection<Polygon | MultiPolygon, VersionGridProperties>;

export interface VersionComparison {
  changed?: { code: string; name?: string; from: Polygon | MultiPolygon | null; to: Polygon | MultiPolygon | null }[];
  [key: string]: unknown;
}

type SplitLine = LineString;
