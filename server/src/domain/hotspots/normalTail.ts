/**
 * The two-sided tail of the standard normal distribution, P(|Z| ≥ |z|) = erfc(|z| / √2), to about
 * 1e-14 relative accuracy (the golden tests hold it to R's `2 * pnorm(-abs(z))`). Below x = 2 the
 * complementary function comes from the all-positive series
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6), which has
 * no cancellation; from 2 on from the continued fraction of erfc (A&S 7.1.14), evaluated by the
 * modified Lentz method, which converges in a few dozen terms there and keeps tiny tails exact.
 */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return erfc(Math.abs(z) / Math.SQRT2);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const TINY = 1e-300;

function erfc(x: number): number {
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27) return 0; // below the smallest double
  return Math.exp(-x * x) * ONE_OVER_SQRT_PI * continuedFractionTail(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + …))))), the fraction of A&S 7.1.14 times √π e^(x²). */
function continuedFractionTail(x: number): number {
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < TINY ? TINY : d;
    c = x + a / c;
    c = Math.abs(c) < TINY ? TINY : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}
