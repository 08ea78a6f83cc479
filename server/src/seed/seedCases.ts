import type { Database } from '../db/database.js';
import { caseDeadlineState, withCategoryDeadlines } from '../domain/caseDeadline.js';
import type { CaseLevel } from '../domain/caseLevel.js';
import { isOpenCaseStatus, type CaseActor } from '../domain/caseLifecycle.js';
import type { CaseActorRole } from '../domain/caseRoles.js';
import { caseSerialDate } from '../domain/caseSerial.js';
import { chinaOfficialCalendar } from '../domain/holidayCalendar.js';
import { chinaTime } from '../domain/workingDays.js';
import { analysisWeeks, weekIndex } from '../domain/hotspots/analysisWeeks.js';
import { emergingHotSpots } from '../domain/hotspots/emergingHotSpots.js';
import { HOTSPOT_WEEKS, type EmergingClassId } from '../contract/hotspots.js';
import { hotspotGrids, queenNeighbourPairs } from '../repos/hotspots/hotspotCubeRepo.js';
import { tellCaseStory, type CaseStory, type CaseStoryPlan, type CaseStoryWorld } from './caseStories.js';
import { MAX_SEASONAL_WEIGHT, seasonalWeight } from './caseSeasons.js';
import {
  CATEGORY_WEIGHTS,
  LEVELS,
  MAJOR_SHARE,
  SOURCE_WEIGHTS,
  SUMMARIES,
  TARGET_WEIGHTS,
  TRANSFER_SHARE,
  TRANSFER_TO,
  type Source,
} from './caseMix.js';
import { insertSeedCases, type GroupRow, type SeedCase } from './seedCaseRows.js';
import { clusterCandidates, PLANTED_CLUSTERS, plantedWeeklyCounts, type PlantedKind } from './plantedHotspots.js';

/**
 * The demo's case history: a year of cases (~3,000 at scale 1, with the seasons of caseSeasons.ts)
 * whose step logs are produced by the lifecycle itself (caseStories.ts), three planted clusters
 * for the hot spot analysis and the early warning (plantedHotspots.ts), plus ~150 cases open at
 * `now` at every level and deadline state. Every case is written once with its final state and
 * its whole step log; the rollup triggers (migration 010) count them as they would the live
 * writes. Runs after grids, households, grid_roles and case_categories exist.
 */
export interface SeedCasesOptions {
  now: Date;
  random: () => number;
  /** Cases relative to the Gaotai demo's; fractional for a smaller county. */
  scale: number;
  /** The county whose groups get the cases (its 12-digit code; serials take its first 6). Default 高台县. */
  countyCode?: string;
}

export interface SeedCasesResult {
  cases: number;
  steps: number;
  open: number;
  /** The planted clusters' centre villages and the class the analysis gives each at `now`. */
  planted: PlantedVillage[];
}

export interface PlantedVillage {
  kind: PlantedKind;
  village: string;
  expected: EmergingClassId;
  found: EmergingClassId;
}

const CASES_PER_YEAR = 3000;
const OPEN_NOW = 150;
/** Share of the open cases that should be yellow at `now`, as on a working county's map. */
const YELLOW_SHARE = 0.12;
/** Share of the open cases that should be red (overdue) at `now`: the list leaders act on first. */
const RED_SHARE = 0.06;
const DAY_MS = 86_400_000;

/** Villages a cluster is tried in before the seed settles for the class it got. */
const CLUSTER_TRIES = 20;

interface GroupHouseholds {
  group_code: string;
  households: number;
}

export async function seedCases(db: Database, options: SeedCasesOptions): Promise<SeedCasesResult> {
  const { now, random, scale } = options;
  const county = (options.countyCode ?? '620724000000').slice(0, 6);
  // The county's towns' codes span county + 000000 … county + 999999 (the scope columns' range).
  const [first, last] = [`${county}000000`, `${county}999999`];
  const groups = await db.sql<GroupRow>`
    SELECT g.code, g.parent_code AS village_code, v.parent_code AS town_code, g.version
    FROM grids g JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
    WHERE g.level = 'group' AND g.valid_to IS NULL AND g.parent_code BETWEEN ${first} AND ${last}
    ORDER BY g.code`;
  // Counts only: positions are taken in the insert itself, which is far cheaper than moving
  // ~45,000 points to Node and back.
  const households = await db.sql<GroupHouseholds>`
    SELECT group_code, count(*)::int AS households FROM households
    WHERE town_code BETWEEN ${first} AND ${last} GROUP BY group_code ORDER BY group_code`;
  const roles = await db.sql<{ grid_code: string; role: string; member_id: number }>`
    SELECT grid_code, role, member_id FROM grid_roles
    WHERE until IS NULL AND role IN ('grid_staff', 'village_cadre') AND left(grid_code, 6) = ${county}
    ORDER BY id`;
  const categories = await db.sql<{ code: string; name_zh: string; sla_days: unknown }>`
    SELECT code, name_zh, sla_days FROM case_categories ORDER BY sort, code`;
  const none: SeedCasesResult = { cases: 0, steps: 0, open: 0, planted: [] };
  if (households.length === 0 || categories.length === 0 || groups.length === 0) return none;

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(pairs: ReadonlyArray<readonly [T, number]>): T => {
    let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of pairs) if ((r -= w) < 0) return item;
    return pairs[pairs.length - 1]![0];
  };

  // A case happens where people live: a group is drawn by its share of households.
  const groupByCode = new Map(groups.map((g) => [g.code, g]));
  const peopled = households.filter((h) => groupByCode.has(h.group_code) && h.households > 0);
  if (peopled.length === 0) return none;
  type Home = { group: GroupRow; homeRank: number };
  /** Draws a household uniformly from `within`: its group and its rank within the group. */
  const homeDrawer = (within: readonly GroupHouseholds[]): (() => Home) => {
    const cumulative: number[] = [];
    for (const h of within) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + h.households);
    const householdCount = cumulative[cumulative.length - 1]!;
    return () => {
      const n = Math.floor(random() * householdCount);
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > n) hi = mid;
        else lo = mid + 1;
      }
      const before = lo === 0 ? 0 : cumulative[lo - 1]!;
      return { group: groupByCode.get(within[lo]!.group_code)!, homeRank: n - before + 1 };
    };
  };
  const drawHome = homeDrawer(peopled);
  const firstMember = new Map<string, number>();
  for (const r of roles)
    if (!firstMember.has(`${r.grid_code}/${r.role}`)) firstMember.set(`${r.grid_code}/${r.role}`, r.member_id);

  const config = withCategoryDeadlines(categories);
  const categoryPairs = categories.map((c) => [c.code, CATEGORY_WEIGHTS[c.code] ?? 3] as const);
  const categoryName = new Map(categories.map((c) => [c.code, c.name_zh]));

  /** A case reported at `when(category)`; a planted one has its category and its place given. */
  const drawCase = (
    when: (category: string) => Date,
    lateShare: number,
    planted?: { cluster: PlantedKind; category: string; home: () => Home },
  ): SeedCase => {
    const { group, homeRank } = (planted?.home ?? drawHome)();
    const category = planted?.category ?? weighted(categoryPairs);
    const reportedAt = when(category);
    const source = weighted(SOURCE_WEIGHTS);
    const major = random() < (MAJOR_SHARE[category] ?? 0.01);
    const outcomeDraw = random();
    const transferShare = TRANSFER_SHARE[category] ?? 0.02;
    const outcome = outcomeDraw < 0.03 ? 'voided' : outcomeDraw < 0.03 + transferShare ? 'transferred' : 'resolved';
    const targetWeights = TARGET_WEIGHTS[category] ?? TARGET_WEIGHTS.default!;
    let targetLevel = major
      ? weighted([
          ['town_justice', 1],
          ['town_centre', 2],
        ] as const)
      : weighted(LEVELS.map((level, i) => [level, targetWeights[i]!] as const));
    if (outcome === 'transferred' && targetLevel !== 'town_centre') targetLevel = 'town_justice';
    const entryLevel: CaseLevel =
      source === 'assigned'
        ? 'town_centre'
        : source === 'department'
          ? 'town_justice'
          : source === 'hotline' || (source === 'walk_in' && random() < 0.6)
            ? targetLevel === 'group'
              ? 'group'
              : 'village'
            : 'group';
    const plan: CaseStoryPlan = {
      category,
      major,
      reportedAt,
      entryLevel,
      targetLevel,
      outcome,
      lateShare,
      transferTo: TRANSFER_TO[category] ?? '县人民法院',
      reopenShare: 0.05,
    };
    const actor = (role: CaseActorRole): CaseActor => {
      const gridCode = role === 'grid_staff' ? group.code : group.village_code;
      return { role, memberId: firstMember.get(`${gridCode}/${role}`) ?? null };
    };
    const world: CaseStoryWorld = { calendar: chinaOfficialCalendar, config, now, random, actor };
    const story = tellCaseStory(plan, world);
    const summaries = SUMMARIES[category] ?? [`${categoryName.get(category) ?? '其他'}事项`];
    // Within ~25 m of the home; the insert falls back to the home itself if that leaves the group.
    const eastM = (random() - 0.5) * 50;
    const northM = (random() - 0.5) * 50;
    const result: SeedCase = { story, plan, source, summary: pick(summaries), group, homeRank, eastM, northM };
    if (planted) result.cluster = planted.cluster;
    return result;
  };

  /**
   * A report instant in [fromMs, toMs] with the seasons of caseSeasons.ts for `category`, mostly
   * by day. A window too short for the day's rhythm (the planted cases of a week only begun) takes
   * any instant in it.
   */
  const reportTime = (fromMs: number, toMs: number, category: string): Date => {
    for (let tries = 0; tries < 10_000; tries++) {
      const day = new Date(fromMs + random() * (toMs - fromMs));
      const date = caseSerialDate(day);
      if (random() * MAX_SEASONAL_WEIGHT > seasonalWeight(date, category)) continue;
      const minutes = random() < 0.9 ? 7 * 60 + random() * 13 * 60 : random() * 24 * 60;
      const at = chinaTime(date, Math.floor(minutes));
      if (at.getTime() <= toMs && at.getTime() >= fromMs) return at;
    }
    return new Date(Math.floor(fromMs + random() * (toMs - fromMs)));
  };
  const reportedBetween =
    (fromMs: number, toMs: number) =>
    (category: string): Date =>
      reportTime(fromMs, toMs, category);

  const nowMs = now.getTime();
  const seeded: SeedCase[] = [];
  const weeks = analysisWeeks(now, HOTSPOT_WEEKS);
  const weekMs = 7 * DAY_MS;
  const finalShare = (nowMs - (weeks.from.getTime() + (HOTSPOT_WEEKS - 1) * weekMs)) / weekMs;
  const plantedCounts = new Map(
    PLANTED_CLUSTERS.map((c) => [c.kind, plantedWeeklyCounts(c.kind, HOTSPOT_WEEKS, finalShare, scale)]),
  );
  // The planted cases are part of the year's ~3,000, not on top of them: the county as a whole
  // keeps its volume (and its ~150 open cases), the clusters stand out against fewer others.
  const plantedTotal = [...plantedCounts.values()].flat().reduce((sum, n) => sum + n, 0);
  const yearCount = Math.max(0, Math.round(CASES_PER_YEAR * scale) - plantedTotal);
  for (let i = 0; i < yearCount; i++) seeded.push(drawCase(reportedBetween(nowMs - 365 * DAY_MS, nowMs), 0.04));

  // The planted clusters (plantedHotspots.ts), before the top-ups so those count their open cases.
  const villageCodes = (await hotspotGrids(db.sql, 'village', { from: first, to: last })).map((grid) => grid.code);
  const neighbours = new Map<string, string[]>(villageCodes.map((code) => [code, []]));
  for (const { a, b } of await queenNeighbourPairs(db.sql, 'village', { from: first, to: last })) {
    if (!neighbours.has(a) || !neighbours.has(b)) continue;
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  const householdsOf = (villages: ReadonlySet<string>): GroupHouseholds[] =>
    peopled.filter((h) => villages.has(groupByCode.get(h.group_code)!.village_code));
  const plantCluster = (kind: PlantedKind, centre: string): SeedCase[] => {
    const cluster = PLANTED_CLUSTERS.find((c) => c.kind === kind)!;
    const atCentre = homeDrawer(householdsOf(new Set([centre])));
    const around = householdsOf(new Set(neighbours.get(centre)));
    const nearby = around.length > 0 ? homeDrawer(around) : atCentre;
    const counts = plantedCounts.get(kind)!;
    const cases: SeedCase[] = [];
    counts.forEach((count, week) => {
      const fromMs = weeks.from.getTime() + week * weekMs;
      const toMs = Math.min(fromMs + weekMs - 1, nowMs - 60_000);
      if (toMs <= fromMs) return;
      for (let i = 0; i < count; i++) {
        const home = random() < cluster.centreShare ? atCentre : nearby;
        cases.push(drawCase(reportedBetween(fromMs, toMs), 0.04, { cluster: kind, category: cluster.category, home }));
      }
    });
    return cases;
  };
  /** The class of every village the analysis gives over `seeded` at `now`, as GET /api/hotspots would. */
  const classes = (): Map<string, EmergingClassId> => {
    const index = new Map(villageCodes.map((code, i) => [code, i]));
    const counts = villageCodes.map(() => new Array<number>(HOTSPOT_WEEKS).fill(0));
    for (const c of seeded) {
      const week = weekIndex(weeks, c.plan.reportedAt);
      const i = index.get(c.group.village_code);
      if (i !== undefined && week >= 0 && week < HOTSPOT_WEEKS) counts[i]![week]!++;
    }
    const cube = { counts, neighbours: villageCodes.map((code) => neighbours.get(code)!.map((n) => index.get(n)!)) };
    const results = emergingHotSpots(cube);
    return new Map(villageCodes.map((code, i) => [code, results[i]!.class]));
  };
  const peopledVillages = [...new Set(peopled.map((h) => groupByCode.get(h.group_code)!.village_code))].sort();
  const centres = new Map<PlantedKind, string>();
  const tried = new Set<string>();
  /** Centres the next village for `kind`, away from the other clusters; false when none is left. */
  const plantNext = (kind: PlantedKind): boolean => {
    const others = [...centres].filter(([other]) => other !== kind).map(([, code]) => code);
    const centre = clusterCandidates(peopledVillages, neighbours, others, random).find((code) => !tried.has(code));
    if (centre === undefined) return false;
    tried.add(centre);
    centres.set(kind, centre);
    for (let i = seeded.length - 1; i >= 0; i--) if (seeded[i]!.cluster === kind) seeded.splice(i, 1);
    seeded.push(...plantCluster(kind, centre));
    return true;
  };
  for (const cluster of PLANTED_CLUSTERS) plantNext(cluster.kind);
  /**
   * Background noise near a centre can change its class (a random hot week before the new
   * cluster's makes it sporadic): such a cluster moves to the next village, a few times at most.
   */
  const verifyPlanted = (): PlantedVillage[] => {
    for (let round = 0; round < CLUSTER_TRIES; round++) {
      const found = classes();
      const wrong = PLANTED_CLUSTERS.filter(
        (c) => centres.has(c.kind) && found.get(centres.get(c.kind)!) !== c.expected,
      );
      if (wrong.length === 0) break;
      if (!wrong.map((c) => plantNext(c.kind)).some(Boolean)) break;
    }
    const found = classes();
    return PLANTED_CLUSTERS.filter((c) => centres.has(c.kind)).map((c) => ({
      kind: c.kind,
      village: centres.get(c.kind)!,
      expected: c.expected,
      found: found.get(centres.get(c.kind)!) ?? 'none',
    }));
  };
  // The wall display needs a living picture: top up the open cases with recent reports whose story
  // is still running at `now`; more of them run late so red and yellow cases show.
  const openTarget = Math.round(OPEN_NOW * scale);
  let open = seeded.filter((c) => isOpenCaseStatus(c.story.state.status)).length;
  for (let tries = 0; open < openTarget && tries < openTarget * 50; tries++) {
    const candidate = drawCase(reportedBetween(nowMs - 9 * DAY_MS, nowMs - 60_000), 0.3);
    if (!isOpenCaseStatus(candidate.story.state.status)) continue;
    seeded.push(candidate);
    open++;
  }
  // Yellow (past 70 % of the stage's working time, not yet due) is the colour leaders act on, but
  // random reports rarely land in it, so a few more running cases are drawn until some are yellow at
  // `now`. On a weekend or holiday few can be: the working clock stands still, and a 1–2-day stage
  // reaches 70 % only on the next working day.
  const yellowTarget = Math.round(OPEN_NOW * YELLOW_SHARE * scale);
  let yellow = seeded.filter((c) => caseDeadlineState(c.story.state, now) === 'yellow').length;
  for (let tries = 0; yellow < yellowTarget && tries < yellowTarget * 100; tries++) {
    const candidate = drawCase(reportedBetween(nowMs - 9 * DAY_MS, nowMs - 60_000), 0.3);
    if (caseDeadlineState(candidate.story.state, now) !== 'yellow') continue;
    seeded.push(candidate);
    open++;
    yellow++;
  }
  // Red needs a story still running past its due instant at `now`; whether random reports leave any
  // depends on the hour (late stages mostly end the next working morning), so a few are drawn too.
  const redTarget = Math.round(OPEN_NOW * RED_SHARE * scale);
  let red = seeded.filter((c) => caseDeadlineState(c.story.state, now) === 'red').length;
  for (let tries = 0; red < redTarget && tries < redTarget * 200; tries++) {
    const candidate = drawCase(reportedBetween(nowMs - 9 * DAY_MS, nowMs - 60_000), 1);
    if (caseDeadlineState(candidate.story.state, now) !== 'red') continue;
    seeded.push(candidate);
    open++;
    red++;
  }

  const planted = verifyPlanted();
  open = seeded.filter((c) => isOpenCaseStatus(c.story.state.status)).length;
  const written = await insertSeedCases(db, seeded, county);
  return { ...written, open, planted };
}
