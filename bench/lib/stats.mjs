// Small statistics helpers shared by the benchmark scripts.
export function quantile(values, q) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
export const median = (v) => quantile(v, 0.5);
export const p90 = (v) => quantile(v, 0.9);
export const mean = (v) => {
  const f = v.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : null;
};
export function summary(values) {
  const f = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return { n: f.length, median: median(f), p90: p90(f), mean: mean(f), max: f.length ? Math.max(...f) : null };
}
export const round = (x, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
