import type { DeadlineState } from '../api/mapFeatures.js';

/** RGBA 0–255, as deck.gl takes colours; `cssColor` turns one into CSS for legends. */
export type Rgba = [number, number, number, number];

export const deadlineColors: Record<DeadlineState, Rgba> = {
  green: [46, 158, 84, 235],
  yellow: [240, 180, 20, 240],
  red: [214, 40, 40, 245],
};

export const cameraColors = {
  online: [20, 150, 170, 230] as Rgba,
  offline: [165, 165, 165, 220] as Rgba,
  offlineRing: [80, 80, 80, 255] as Rgba,
  onlineRing: [255, 255, 255, 220] as Rgba,
};

/** Grid outlines, coarse to fine: heavier and darker for the higher level. */
export const gridColors = {
  county: '#7a1f12',
  town: '#9c3b1c',
  village: '#c7782a',
  group: '#5d8f55',
  street: '#3f6fb5',
  household: '#50607a',
};

export function cssColor([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
}
