import { Type, type Static } from 'typebox';
import { AnyGridLevel, Bbox, GridCrumb } from './grids.js';

/**
 * The grid dossier (issue #4, `GET /api/grids/:code/dossier`) and its children's measures
 * (`GET /api/grids/:code/children.csv`). The web client imports the `Static` types type-only; the
 * shapes only grow (fields are added, never renamed). The case list filters and the case detail's
 * activity are in cases.ts, search in search.ts.
 */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);
/** A share in 0..1, or null when nothing was counted (the UI shows "—"). */
const Share = (description: string) => Nullable(Type.Number({ minimum: 0, description }));

export const TeamRole = Type.Enum(['grid_head', 'grid_staff', 'party_group_head', 'village_cadre', 'local_worthy'], {
  description: '网格长 / 网格员 / 党小组长 / 包村干部 / 乡贤',
});
export type TeamRole = Static<typeof TeamRole>;

export const LinkRoleName = Type.Enum(
  ['village_head_cadre', 'committee_member', 'party_member', 'villager_rep', 'grid_staff'],
  { description: '联户 role: 村干部 10 / 村委委员 5 / 党员 3 / 村民代表 1 / 网格员 1' },
);

/** A responsible person as the panel shows them: masked name, never the phone. */
const MaskedMember = {
  memberId: Type.Integer(),
  name: Type.String({ description: 'masked: the surname and one * per other character (张**)' }),
};

export const TeamMember = Type.Object({
  role: TeamRole,
  ...MaskedMember,
  since: Type.String({ format: 'date' }),
});
export type TeamMember = Static<typeof TeamMember>;

export const DossierTeam = Type.Object({
  members: Type.Array(TeamMember, { description: 'current roles of this grid, ordered by role then member' }),
  expected: Type.Array(TeamRole, {
    description:
      'roles a grid of this level should have (village: village_cadre; group: grid_head, grid_staff, party_group_head)',
  }),
  missing: Type.Array(TeamRole, { description: 'expected roles nobody holds: a gap to show as a warning' }),
});
export type DossierTeam = Static<typeof DossierTeam>;

export const DossierStreet = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  groupCode: Type.String(),
  chief: Type.Union([Type.Object(MaskedMember), Type.Null()], { description: 'street chief 街长; null when none' }),
  lengthM: Type.Integer({ description: 'length in metres' }),
  bbox: Bbox,
});
export type DossierStreet = Static<typeof DossierStreet>;

export const DossierStreets = Type.Object({
  total: Type.Integer(),
  totalLengthM: Type.Integer(),
  withoutChief: Type.Integer(),
  list: Type.Array(DossierStreet, { description: 'ordered by name, at most 300 (see truncated)' }),
  truncated: Type.Boolean(),
});
export type DossierStreets = Static<typeof DossierStreets>;

export const LinkQuotaMember = Type.Object({
  ...MaskedMember,
  linkRole: LinkRoleName,
  partyMember: Type.Boolean(),
  quota: Type.Integer({ description: 'households this member is expected to link (domain/linkQuota)' }),
  linked: Type.Integer({ description: 'households this member links, wherever they are' }),
  linkedInGrid: Type.Integer({ description: 'of them, inside this grid' }),
  difference: Type.Integer({ description: 'linked − quota' }),
  verdict: Type.Enum(['under', 'met', 'over']),
});
export type LinkQuotaMember = Static<typeof LinkQuotaMember>;

export const DossierHouseholds = Type.Object({
  total: Type.Integer(),
  linked: Type.Integer({ description: 'households linked to a responsible member (党员联户)' }),
  coverage: Share('linked / total'),
  population: Type.Integer({ description: 'sum of household sizes' }),
});
export type DossierHouseholds = Static<typeof DossierHouseholds>;

export const DossierLinkQuota = Type.Object({
  members: Type.Array(LinkQuotaMember, {
    description:
      'village: its active members; group: members linking a household in it or holding one of its roles; town, county and prefecture: empty (see listed) — ordered by verdict (under, over, met) then member',
  }),
  listed: Type.Boolean({ description: 'false for a town, a county or the prefecture: only the counts below' }),
  under: Type.Integer(),
  met: Type.Integer(),
  over: Type.Integer(),
});
export type DossierLinkQuota = Static<typeof DossierLinkQuota>;

export const OfflineCamera = Type.Object({
  id: Type.String({ description: '20-digit GB/T 28181 device id' }),
  name: Type.String(),
  groupCode: Type.String(),
  lastSeen: DateTime,
  lon: Type.Number(),
  lat: Type.Number(),
});
export type OfflineCamera = Static<typeof OfflineCamera>;

export const DossierCameras = Type.Object({
  total: Type.Integer(),
  online: Type.Integer(),
  offline: Type.Integer(),
  onlineRate: Share('online / total'),
  offlineList: Type.Array(OfflineCamera, { description: 'longest offline first, at most 100 (see offlineTruncated)' }),
  offlineTruncated: Type.Boolean(),
});
export type DossierCameras = Static<typeof DossierCameras>;

export const DossierPatrols = Type.Object({
  day: Type.String({ format: 'date', description: "today's China date" }),
  villages: Type.Integer({ description: 'villages whose patrols count here (a group counts its village)' }),
  slotsDue: Type.Integer({ description: 'slots whose window has ended (2 per village per day), as the wall counts' }),
  slotsDone: Type.Integer(),
  completion: Share('slotsDone / slotsDue'),
});
export type DossierPatrols = Static<typeof DossierPatrols>;

export const DossierOpenCases = Type.Object({
  total: Type.Integer({ description: 'registered, accepted or mediating' }),
  green: Type.Integer(),
  yellow: Type.Integer({ description: 'from 70 % of the stage time' }),
  red: Type.Integer({ description: 'overdue' }),
});
export type DossierOpenCases = Static<typeof DossierOpenCases>;

export const TrendMonth = Type.Object({
  month: Type.String({ description: 'YYYY-MM, China time' }),
  registered: Type.Integer({ description: 'cases reported in the month' }),
  resolved: Type.Integer({ description: 'cases resolved in the month (resolved_at in it, as the KPIs count)' }),
  resolvedInVillage: Type.Integer({ description: 'of them, resolved at group or village level' }),
  resolutionRate: Share('resolved / registered in the month'),
  villageResolutionRate: Share('小事不出村: resolvedInVillage / resolved'),
});
export type TrendMonth = Static<typeof TrendMonth>;

export const ChildMeasures = Type.Object({
  households: Type.Integer(),
  openCases: Type.Integer(),
  overdueCases: Type.Integer(),
  openPer100Households: Nullable(Type.Number({ description: 'openCases × 100 / households; null without households' })),
  linkCoverage: Share('linked households / households'),
  cameraOnlineRate: Share('online cameras / cameras'),
});
export type ChildMeasures = Static<typeof ChildMeasures>;
export type ChildMeasureName = keyof ChildMeasures;

export const DossierChild = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: AnyGridLevel,
  labelPoint: Type.Union([Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), Type.Null()]),
  measures: ChildMeasures,
});
export type DossierChild = Static<typeof DossierChild>;

export const GridDossier = Type.Object(
  {
    grid: Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: AnyGridLevel,
      parents: Type.Array(GridCrumb, {
        description: 'ancestors from the top grid (prefecture or county) down to the direct parent',
      }),
      childLevel: Type.Union([AnyGridLevel, Type.Null()], { description: 'null for a group' }),
      bbox: Bbox,
    }),
    team: DossierTeam,
    streets: DossierStreets,
    households: DossierHouseholds,
    linkQuota: DossierLinkQuota,
    cameras: DossierCameras,
    patrolsToday: DossierPatrols,
    openCases: DossierOpenCases,
    trends: Type.Array(TrendMonth, { description: 'the last 12 months, oldest first, the current month last' }),
    children: Type.Array(DossierChild, { description: 'ordered by code; empty for a group' }),
    generatedAt: DateTime,
  },
  { description: 'everything the side panel shows for one grid; names masked, no phones' },
);
export type GridDossier = Static<typeof GridDossier>;

/** `GET /api/grids/:code/children.csv`. */
export const ChildrenCsv = Type.String({
  description: 'text/csv: 代码, 名称, 层级, 户数, 在办案件, 超期案件, 每百户在办, 联户覆盖率, 摄像头在线率',
});
export type ChildrenCsv = Static<typeof ChildrenCsv>;
