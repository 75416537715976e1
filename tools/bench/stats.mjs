// @ts-check
/** Latency summary in milliseconds; every field is null when there were no samples. */
/** @typedef {{ count: number, p50: number|null, p95: number|null, p99: number|null, max: number|null }} Latency */

/**
 * Nearest-rank percentiles over raw samples (no histogram buckets, so the tail is exact).
 * @param {number[]} samples
 * @returns {Latency}
 */
export function summarize(samples) {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  /** @param {number} p */
  const at = (p) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** @param {number} value @param {number} [digits] */
export function round(value, digits = 2) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Median of the numbers, ignoring nulls; null when none.
 * @param {(number|null|undefined)[]} values
 */
export function median(values) {
  const nums = /** @type {number[]} */ (values.filter((v) => typeof v === 'number')).sort(
    (a, b) => a - b,
  );
  if (nums.length === 0) return null;
  const mid = Math.floor(nums.length / 2);
  return nums.length % 2 ? nums[mid] : round((nums[mid - 1] + nums[mid]) / 2);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
