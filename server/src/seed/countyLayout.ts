import { booleanPointInPolygon, difference, featureCollection, intersect, polygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { CountyProfile } from './countyProfile.js';
import type { DivisionRecord } from './gaotaiReference.js';
import { gaotaiProfile } from './gaotaiProfile.js';
import { distanceMetres, distanceToLineMetres, offsetMetres } from './localDistance.js';
import { outlineParts } from './outlineParts.js';
import { partitionPolygon } from './partitionPolygon.js';
import { nodeCountyPlans } from './planNoding.js';
import type { SeededRandom } from './seededRandom.js';
import type { CountyPlan, GroupPlan, Settlement, TownPlan, VillagePlan } from './countyPlan.js';

import { chineseNumeral } from './syntheticNames.js';
import { randomPointIn } from './randomPoint.js';

/**
 * The synthetic geography of a demo county: real town and village names and codes, invented
 * boundaries. Each town is the Voronoi cell of its seat (the county profile's anchor) within the
 * county outline, reaching out into the desert to the county line; villages cluster in the oasis
 * (along the profile's rivers and around the town seat); their cells are spaced by settlement size,
 * so a big village gets a big cell. A county of several parts (肃南's exclaves) is divided part by
 * part: every town lies in the part its anchor is in.
 */
export interface LayoutOptions {
  scale: number;
  households: number;
  /** Town seats, rivers, park. Default Gaotai's. */
  profile?: CountyProfile;
  /**
   * Give every level shared vertex chains (default true). The prefecture demo nodes all its
   * counties at once instead, so neighbouring counties share theirs too.
   */
  node?: boolean;
}

export function planCounty(
  outline: Polygon | MultiPolygon,
  divisions: readonly DivisionRecord[],
  random: SeededRandom,
  options: LayoutOptions,
): CountyPlan {
  const county = divisions.find((record) => record.level === 'county');
  if (!county) throw new Error('divisions: no county record');
  const profile = options.profile ?? gaotaiProfile;
  const oasis = (p: Position, anchor: Position) => oasisWeight(p, anchor, profile.rivers);
  const { towns, villagesByTown } = scaleDivisions(divisions, options.scale, profile.industrialPark?.code);
  const anchors = towns.map(
    (town, index) => profile.townAnchors[town.code] ?? syntheticAnchor(outline, random, index, oasis),
  );
  for (const [index, anchor] of anchors.entries()) {
    if (!booleanPointInPolygon(anchor, outline))
      throw new Error(`town anchor of ${towns[index]!.code} outside the county`);
  }
  const townGeometries = new Array<Polygon>(towns.length);
  outlineParts(outline).forEach((part, partIndex) => {
    const inPart = towns.map((_, index) => index).filter((index) => booleanPointInPolygon(anchors[index]!, part));
    if (inPart.length === 0) throw new Error(`part ${partIndex} of county ${county.code} has no town anchor`);
    const parkIndex = inPart.find((index) => towns[index]!.code === profile.industrialPark?.code) ?? -1;
    let rest = part;
    if (parkIndex >= 0) {
      const hexagonShape = hexagon(anchors[parkIndex]!, profile.industrialPark!.radiusMetres);
      const park = intersect(featureCollection([polygon(hexagonShape.coordinates), polygon(part.coordinates)]));
      const remainder = park && difference(featureCollection([polygon(part.coordinates), park]));
      if (!park || park.geometry.type !== 'Polygon' || !remainder || remainder.geometry.type !== 'Polygon') {
        throw new Error('industrial park must lie inside the county');
      }
      townGeometries[parkIndex] = park.geometry;
      rest = remainder.geometry;
    }
    const others = inPart.filter((index) => index !== parkIndex);
    const pieces = partitionPolygon(
      rest,
      others.map((index) => anchors[index]!),
    );
    others.forEach((townIndex, pieceIndex) => {
      townGeometries[townIndex] = pieces[pieceIndex]!;
    });
  });

  const householdWeights = new Map<string, number>();
  for (const villages of villagesByTown.values()) {
    for (const village of villages) householdWeights.set(village.code, villageWeight(village, random));
  }
  const totalWeight = [...householdWeights.values()].reduce((sum, w) => sum + w, 0);
  const perWeight = (options.households * options.scale) / totalWeight;

  const townPlans = towns.map((town, townIndex): TownPlan => {
    const geometry = townGeometries[townIndex]!;
    const records = villagesByTown.get(town.code) ?? [];
    const households = records.map((village) =>
      Math.max(12, Math.round(householdWeights.get(village.code)! * perWeight)),
    );
    const seeds = spreadSeeds(geometry, anchors[townIndex]!, households, random, oasis);
    const cells = records.length > 1 ? partitionPolygon(geometry, seeds) : [geometry];
    const villages = records.map((record, index) =>
      planVillage(record, town.code, cells[index]!, seeds[index]!, households[index]!, random),
    );
    return { code: town.code, name: town.name, type: town.type, geometry, villages };
  });
  const plan: CountyPlan = { code: county.code, name: county.name, geometry: outline, towns: townPlans };
  if (options.node ?? true) nodeCountyPlans([plan]);
  return plan;
}

/**
 * The real towns and villages at scale 1. At scale N (benchmarks) each real town gets N − 1
 * synthetic siblings (codes 110…399, names like 新坝二镇) with copies of its villages, so the
 * county has N times the villages, groups and households on the same outline.
 */
export function scaleDivisions(divisions: readonly DivisionRecord[], scale: number, parkCode?: string) {
  if (!Number.isInteger(scale) || scale < 1 || scale > 30)
    throw new RangeError(`scale must be an integer 1–30, got ${scale}`);
  const realTowns = divisions.filter((record) => record.level === 'town');
  const villagesByTown = new Map<string, DivisionRecord[]>();
  for (const record of divisions) {
    if (record.level !== 'village') continue;
    villagesByTown.set(record.parentCode, [...(villagesByTown.get(record.parentCode) ?? []), record]);
  }
  const towns: DivisionRecord[] = [...realTowns];
  let nextTownNumber = 110;
  for (let copy = 2; copy <= scale; copy++) {
    for (const template of realTowns) {
      if (template.code === parkCode) continue;
      const code = `${template.code.slice(0, 6)}${nextTownNumber++}000`;
      const name = template.name.replace(/镇$/, '') + chineseNumeral(copy) + '镇';
      towns.push({ ...template, code, name });
      villagesByTown.set(
        code,
        (villagesByTown.get(template.code) ?? []).map((village) => ({
          ...village,
          code: code.slice(0, 9) + village.code.slice(9),
          parentCode: code,
        })),
      );
    }
  }
  return { towns, villagesByTown };
}

function syntheticAnchor(
  outline: Polygon | MultiPolygon,
  random: SeededRandom,
  index: number,
  oasis: OasisWeight,
): [number, number] {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = randomPointIn(outline, random);
    if (random.next() < oasis(candidate, candidate)) return candidate;
  }
  throw new Error(`no anchor found for synthetic town ${index}`);
}

function villageWeight(village: DivisionRecord, random: SeededRandom): number {
  if (village.type === 'virtual_community') return 0.1;
  if (village.type === 'residents_committee') return random.between(1.8, 3.2);
  return Math.exp(random.gaussian() * 0.35);
}

type OasisWeight = (p: Position, anchor: Position) => number;

/** 1 on a river or at the town seat, falling off over ~8–10 km into the desert. */
function oasisWeight(p: Position, anchor: Position, rivers: CountyProfile['rivers']): number {
  const riverWeights = rivers.map((river) => {
    const distance = distanceToLineMetres(p, river) / 8000;
    return Math.exp(-(distance * distance) / 2);
  });
  const seat = distanceMetres(p, anchor) / 10_000;
  return Math.max(...riverWeights, Math.exp(-(seat * seat) / 2), 0.02);
}

/**
 * Village seeds by dart throwing: oasis-biased candidates, kept apart in proportion to the square
 * roots of their settlements (a bigger village claims more land); the spacing shrinks when the
 * town is too small for it.
 */
function spreadSeeds(
  shape: Polygon,
  anchor: Position,
  households: readonly number[],
  random: SeededRandom,
  oasis: OasisWeight,
): Position[] {
  const seeds: Position[] = [];
  let spacing = 90;
  let failures = 0;
  while (seeds.length < households.length) {
    const candidate = randomPointIn(shape, random);
    const radius = Math.sqrt(households[seeds.length]!);
    const fits =
      random.next() < oasis(candidate, anchor) &&
      seeds.every(
        (seed, index) => distanceMetres(seed, candidate) >= spacing * (radius + Math.sqrt(households[index]!)),
      );
    if (fits) {
      seeds.push(candidate);
      failures = 0;
    } else if (++failures > 300) {
      spacing *= 0.85;
      failures = 0;
    }
  }
  return seeds;
}

function hexagon(centre: Position, radiusMetres: number): Polygon {
  const ring = Array.from({ length: 6 }, (_, k) =>
    offsetMetres(centre, radiusMetres * Math.cos((k * Math.PI) / 3), radiusMetres * Math.sin((k * Math.PI) / 3)),
  );
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

function planVillage(
  record: DivisionRecord,
  townCode: string,
  geometry: Polygon,
  seed: Position,
  households: number,
  random: SeededRandom,
): VillagePlan {
  const settlements = planSettlements(geometry, seed, households, random);
  const groupCount = Math.max(4, Math.min(12, Math.round(3 + households / 55 + random.between(-1.5, 1.5))));
  const groupSeeds = planGroupSeeds(geometry, settlements, groupCount, random);
  const cells = partitionPolygon(geometry, groupSeeds);
  return {
    code: record.code,
    name: record.shortName ?? record.name,
    type: record.type,
    townCode,
    households,
    settlements,
    geometry,
    groups: groupSeeds.map((groupSeed, index) => ({ seed: groupSeed, geometry: cells[index]! })),
  };
}

/** 1–3 settlements: the main one at the village seed, hamlets 0.6–1.6 km away inside the village. */
function planSettlements(shape: Polygon, seed: Position, households: number, random: SeededRandom): Settlement[] {
  const centres: [number, number][] = [[seed[0]!, seed[1]!]];
  const wanted = households < 120 ? 1 : random.int(1, 3);
  for (let attempt = 0; centres.length < wanted && attempt < 60; attempt++) {
    const angle = random.between(0, 2 * Math.PI);
    const distance = random.between(600, 1600);
    const candidate = offsetMetres(seed, distance * Math.cos(angle), distance * Math.sin(angle));
    if (booleanPointInPolygon(candidate, shape) && centres.every((c) => distanceMetres(c, candidate) > 500))
      centres.push(candidate);
  }
  const shares = centres.map((_, index) => (index === 0 ? random.between(1.5, 3) : random.between(0.5, 1)));
  const shareTotal = shares.reduce((sum, share) => sum + share, 0);
  let left = households;
  return centres.map((centre, index) => {
    const count =
      index === centres.length - 1 ? left : Math.max(1, Math.round((households * shares[index]!) / shareTotal));
    left -= count;
    return { centre, households: count, spreadMetres: 90 + 10 * Math.sqrt(count) };
  });
}

/**
 * Group seeds ring the settlements (a settlement is split between groups, each group also taking
 * the fields behind it), distributed over settlements by their size.
 */
function planGroupSeeds(
  shape: Polygon,
  settlements: readonly Settlement[],
  count: number,
  random: SeededRandom,
): Position[] {
  const seeds: Position[] = [];
  const weights = settlements.map((s) => s.households);
  const turn = random.between(0, 2 * Math.PI);
  for (let index = 0; index < count; index++) {
    const settlement = settlements[index < settlements.length ? index : random.weightedIndex(weights)]!;
    let placed: Position | null = null;
    for (let attempt = 0; attempt < 40 && !placed; attempt++) {
      const angle = turn + (2 * Math.PI * index) / count + random.between(-0.4, 0.4);
      const distance = settlement.spreadMetres * random.between(0.5, 1.6) * (1 - attempt / 50);
      const candidate = offsetMetres(settlement.centre, distance * Math.cos(angle), distance * Math.sin(angle));
      if (booleanPointInPolygon(candidate, shape) && seeds.every((s) => distanceMetres(s, candidate) > 40))
        placed = candidate;
    }
    while (!placed) {
      const candidate = randomPointIn(shape, random);
      if (seeds.every((s) => distanceMetres(s, candidate) > 40)) placed = candidate;
    }
    seeds.push(placed);
  }
  return seeds;
}
