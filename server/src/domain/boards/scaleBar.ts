/** A map's scale bar: a round ground length and the page points it takes. Pure. */
export interface ScaleBar {
  metres: number;
  points: number;
  /** `500 米`, `2 公里`. */
  label: string;
}

/**
 * The longest 1, 2 or 5 × 10ⁿ metres that fits in `maxPoints` at `metresPerPoint`, so a reader
 * can measure with it at a glance.
 */
export function scaleBarFor(metresPerPoint: number, maxPoints: number): ScaleBar {
  if (!(metresPerPoint > 0) || !(maxPoints > 0)) throw new RangeError('scale and length must be positive');
  const most = metresPerPoint * maxPoints;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((factor) => factor * power <= most) ?? 1;
  const metres = step * power;
  return {
    metres,
    points: metres / metresPerPoint,
    label: metres >= 1000 ? `${metres / 1000} 公里` : metres >= 1 ? `${metres} 米` : `${metres.toPrecision(1)} 米`,
  };
}
