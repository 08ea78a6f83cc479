/**
 * The largest difference, in degrees, between reply positions and the stored ones (`lon`/`lat`
 * as text from SQL). Replies carry 6 decimals, so up to 1e-6 is rounding; the database's
 * GeoJSON writer and `round(numeric)` may round a last digit differently.
 */
export function positionErrorDegrees(positions: number[][], stored: { lon: string; lat: string }[]): number {
  if (positions.length !== stored.length) return Infinity;
  return positions.reduce((worst, [lon = NaN, lat = NaN], index) => {
    const row = stored[index]!;
    const error = Math.max(Math.abs(lon - Number(row.lon)), Math.abs(lat - Number(row.lat)));
    return Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }, 0);
}
