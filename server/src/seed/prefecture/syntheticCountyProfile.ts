import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { CountyProfile } from '../countyProfile.js';
import type { DivisionRecord } from '../gaotaiReference.js';
import { distanceMetres, offsetMetres } from '../localDistance.js';
import { outlineParts } from '../outlineParts.js';
import type { SeededRandom } from '../seededRandom.js';
import { randomPointIn } from '../randomPoint.js';

/**
 * Town seats of a county the demo has no hand-placed layout for (synthetic, plausible): the first
 * town-level unit (NBS lists the seat first) at the county seat, the other sub-districts (街道) in a
 * ring 2.5 km around it, the rest spread over the county with a pull towards the seat (people live
 * in the oasis around it, fewer in the mountains). Every part of a county in several parts (肃南's
 * exclaves) gets at least one town: `pinned` names the towns known to be in a part (the part nearest
 * the given point), and an empty part takes the nearest movable town.
 */
export function syntheticCountyProfile(
  outline: Polygon | MultiPolygon,
  towns: readonly DivisionRecord[],
  seat: Position,
  random: SeededRandom,
  pinned: Readonly<Record<string, Position>> = {},
): CountyProfile {
  if (!booleanPointInPolygon(seat, outline)) throw new Error('the county seat lies outside the county');
  const parts = outlineParts(outline);
  const anchors: Position[] = new Array(towns.length);
  const fixed = new Set<number>();
  const subdistricts = towns.map((town, index) => ({ town, index })).filter(({ town }) => town.type === 'subdistrict');
  towns.forEach((town, index) => {
    if (index === 0) anchors[index] = seat;
    else if (town.type === 'subdistrict') {
      const k = subdistricts.findIndex((entry) => entry.index === index);
      const angle = (2 * Math.PI * k) / Math.max(1, subdistricts.length - (towns[0]!.type === 'subdistrict' ? 1 : 0));
      anchors[index] = offsetMetres(seat, 2500 * Math.cos(angle), 2500 * Math.sin(angle));
    } else if (pinned[town.name]) anchors[index] = randomPointIn(nearestPart(parts, pinned[town.name]!), random);
    else return;
    fixed.add(index);
  });
  let spacing = 8000;
  let failures = 0;
  for (let index = 0; index < towns.length; index++) {
    if (anchors[index]) continue;
    for (;;) {
      const candidate = randomPointIn(outline, random);
      const seatDistance = distanceMetres(candidate, seat) / 30_000;
      const fits =
        random.next() < Math.max(Math.exp(-(seatDistance * seatDistance) / 2), 0.1) &&
        anchors.every((other) => !other || distanceMetres(other, candidate) >= spacing);
      if (fits) {
        anchors[index] = candidate;
        failures = 0;
        break;
      }
      if (++failures > 200) {
        spacing *= 0.8;
        failures = 0;
      }
    }
  }
  for (const part of parts) {
    if (anchors.some((anchor) => booleanPointInPolygon(anchor, part))) continue;
    const target = centroid(part).geometry.coordinates;
    const movable = anchors
      .map((anchor, index) => ({ anchor, index }))
      .filter(({ anchor, index }) => !fixed.has(index) && anchorsInPartOf(anchor, parts, anchors) > 1)
      .sort((a, b) => distanceMetres(a.anchor, target) - distanceMetres(b.anchor, target))[0];
    if (!movable) throw new Error('a part of the county is left without a town');
    anchors[movable.index] = randomPointIn(part, random);
    fixed.add(movable.index);
  }
  for (const [index, anchor] of anchors.entries()) {
    if (!booleanPointInPolygon(anchor, outline))
      throw new Error(`town anchor of ${towns[index]!.code} outside the county`);
  }
  return {
    townAnchors: Object.fromEntries(towns.map((town, index) => [town.code, anchors[index]!])),
    rivers: [],
  };
}

function anchorsInPartOf(anchor: Position, parts: readonly Polygon[], anchors: readonly Position[]): number {
  const part = parts.find((candidate) => booleanPointInPolygon(anchor, candidate));
  return part ? anchors.filter((other) => booleanPointInPolygon(other, part)).length : 0;
}

function nearestPart(parts: readonly Polygon[], point: Position): Polygon {
  const inside = parts.find((part) => booleanPointInPolygon(point, part));
  if (inside) return inside;
  return [...parts].sort(
    (a, b) =>
      distanceMetres(centroid(a).geometry.coordinates, point) - distanceMetres(centroid(b).geometry.coordinates, point),
  )[0]!;
}
