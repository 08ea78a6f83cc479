import type { Position } from 'geojson';
import type { CountyProfile } from './countyProfile.js';

/**
 * Gaotai is an oasis strip along the Hei River (黑河), which crosses the county from the south-east
 * to the north-west; the towns sit along it (and in the southern oasis of 骆驼城/新坝), each town's
 * Voronoi cell reaching out into the desert to the county line.
 */
export const heiRiver: readonly Position[] = [
  [99.97, 39.36],
  [99.86, 39.4],
  [99.8, 39.4],
  [99.7, 39.45],
  [99.64, 39.53],
  [99.6, 39.62],
  [99.55, 39.72],
  [99.45, 39.8],
];

/** Rough real positions of the town seats (synthetic layout, plausible placement). */
export const gaotaiProfile: CountyProfile = {
  townAnchors: {
    '620724100000': [99.82, 39.38], // 城关镇, the county seat
    '620724101000': [99.9, 39.3], // 宣化镇
    '620724102000': [99.74, 39.3], // 南华镇
    '620724103000': [99.88, 39.45], // 巷道镇
    '620724104000': [99.72, 39.48], // 合黎镇
    '620724105000': [99.5, 39.35], // 骆驼城镇
    '620724106000': [99.4, 39.22], // 新坝镇
    '620724107000': [99.66, 39.58], // 黑泉镇
    '620724108000': [99.62, 39.72], // 罗城镇
    '620724400000': [99.865, 39.352], // 甘肃高台工业园区
  },
  rivers: [heiRiver],
  industrialPark: { code: '620724400000', radiusMetres: 1800 },
};
