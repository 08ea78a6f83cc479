/**
 * A User Timing mark (`gridmap:<step>`) on the way to a view being ready: read by
 * `npm run bench:view` and by the browser's own performance panel, and free when nobody reads it.
 */
export function markPageStep(step: string): void {
  performance.mark(`gridmap:${step}`);
}
