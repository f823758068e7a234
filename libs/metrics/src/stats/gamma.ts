/**
 * Log-gamma and the regularised incomplete gamma and beta functions (series and continued
 * fractions after Numerical Recipes, 3rd ed., §6.1–6.4), double precision.
 */
// the Numerical Recipes coefficients, written as the doubles they round to
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125,
  -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408, 0.0000036899182659531625,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 671/128, relative error < 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be > 0, got ${x}`);
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.9999999999999971;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310007 * ser) / x);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaP: a must be > 0, got ${a}`);
  if (x <= 0) return 0;
  if (x < a + 1) {
    // series
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 100000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - gammaQContinuedFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x) by Lentz's continued fraction (x ≥ a + 1). */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Inverse of P(a, ·): the x with P(a, x) = p. Newton steps (Halley-corrected) from a
 * Wilson–Hilferty start, kept inside a shrinking bracket so it always converges.
 */
export function gammaPInverse(a: number, p: number): number {
  if (!(a > 0)) throw new RangeError(`gammaPInverse: a must be > 0, got ${a}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`gammaPInverse: p must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Wilson–Hilferty start for the chi-square with 2a degrees of freedom, halved.
  const z = normalQuantile(p);
  const df = 2 * a;
  const wh = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  let x = wh > 0 ? wh / 2 : Math.max(1e-8, (p * Math.exp(logGamma(a + 1))) ** (1 / a));
  let lo = 0;
  let hi = Infinity;
  const lga = logGamma(a);
  for (let i = 0; i < 200; i++) {
    const f = gammaP(a, x) - p;
    if (f < 0) lo = x;
    else hi = x;
    if (Math.abs(f) < 1e-15) break;
    const density = Math.exp((a - 1) * Math.log(x) - x - lga);
    let next = density > 0 ? x - f / (density * (1 + (f * ((a - 1) / x - 1)) / (2 * density))) : NaN;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * x, 1);
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, x)) {
      x = next;
      break;
    }
    x = next;
  }
  return x;
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9): only a start value. */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Regularised incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`betaI: a, b must be > 0, got ${a}, ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}
