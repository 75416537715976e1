// @ts-check
import { median, round } from './stats.mjs';

/** results[scenario][serverLabel] = one entry per repetition */
/** @typedef {Record<string, Record<string, any[]>>} Results */
/** @typedef {{ metric: string, values: (number|null)[], ratio: number|null }} Row */

/** Dotted path into a result, e.g. 'deliveryMs.p99'. @param {any} obj @param {string} path */
const pick = (obj, path) => path.split('.').reduce((o, k) => (o == null ? null : o[k]), obj);

const LOAD_METRICS = [
  ['acked msg/s', 'ackedPerSec'],
  ['delivered msg/s', 'deliveredPerSec'],
  ['ack p50 ms', 'ackMs.p50'],
  ['ack p95 ms', 'ackMs.p95'],
  ['ack p99 ms', 'ackMs.p99'],
  ['ack max ms', 'ackMs.max'],
  ['delivery p50 ms', 'deliveryMs.p50'],
  ['delivery p95 ms', 'deliveryMs.p95'],
  ['delivery p99 ms', 'deliveryMs.p99'],
  ['delivery max ms', 'deliveryMs.max'],
  ['lost deliveries (sum)', 'lost', 'sum'],
  ['duplicated (sum)', 'duplicated', 'sum'],
  ['send failed (sum)', 'sendFailed', 'sum'],
  ['changes sent (mixed)', 'changes'],
  ['change ack p99 ms (mixed)', 'changeAckMs.p99'],
  ['server CPU s', 'server.cpuSeconds'],
  ['server peak RSS MB', 'server.peakRssMb'],
  ['driver CPU s', 'driverCpuSeconds'],
];
const MEMBERS_METRICS = [
  ...LOAD_METRICS,
  ['memberships per socket', 'memberships'],
  ['room:activity received/s', 'activityPerSec'],
];
const RAMP_METRICS = [
  ['highest rate held msg/s', 'highestHeldRate'],
  // A ramp stopped by the driver's CPU or the step cap gives a lower bound, not a ceiling.
  ['reps ended by server limit', 'serverLimited', 'sum'],
];
const CONNECTION_METRICS = [
  ['connect time s (new sockets)', 'connectSeconds'],
  ['connect p99 ms', 'connectMs.p99'],
  ['server RSS after MB', 'rssAfterMb'],
  ['server KB per socket', 'kbPerSocket'],
  ['memberships per account', 'memberships'],
];

/** @param {string} scenario */
function metricsOf(scenario) {
  if (scenario === 'ramp') return RAMP_METRICS;
  if (scenario === 'members') return MEMBERS_METRICS;
  if (scenario.startsWith('connections')) return CONNECTION_METRICS;
  return LOAD_METRICS;
}

/** Median over repetitions (or the sum, for counts of things that must be zero). */
export function rowsOf(
  /** @type {string} */ scenario,
  /** @type {Record<string, any[]>} */ byServer,
) {
  const labels = Object.keys(byServer);
  return metricsOf(scenario).map(([metric, path, how]) => {
    const values = labels.map((label) => {
      const reps = byServer[label].map((rep) => pick(rep, path));
      return how === 'sum' ? reps.reduce((a, b) => a + (b ?? 0), 0) : median(reps);
    });
    const [a, b] = values;
    const ratio = a != null && b ? round(a / b, 2) : null;
    return { metric, values, ratio };
  });
}

/** @param {Results} results @param {string[]} labels */
export function printTable(results, labels) {
  const header = ['metric', ...labels, labels.length > 1 ? `${labels[0]} ÷ ${labels[1]}` : ''];
  const widths = [28, ...labels.map(() => 12), 12];
  const line = (/** @type {string[]} */ cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  for (const [scenario, byServer] of Object.entries(results)) {
    const reps = Object.values(byServer)[0]?.length ?? 0;
    console.log(`\n== ${scenario} (median of ${reps} rep${reps === 1 ? '' : 's'}) ==`);
    console.log(line(header));
    for (const row of rowsOf(scenario, byServer)) {
      const cells = row.values.map((v) => (v == null ? '-' : String(v)));
      console.log(line([row.metric, ...cells, row.ratio == null ? '' : `${row.ratio}×`]));
    }
  }
}

/**
 * The targets of issue 5, judged on the medians; only meaningful for a full (non-smoke) run of
 * the api against the bare server.
 * @param {Results} results
 */
export function judgeTargets(results) {
  const med = (/** @type {string} */ s, /** @type {string} */ label, /** @type {string} */ path) =>
    median((results[s]?.[label] ?? []).map((rep) => pick(rep, path)));
  const sum = (/** @type {string} */ s, /** @type {string} */ path) =>
    (results[s]?.api ?? []).reduce((acc, rep) => acc + (pick(rep, path) ?? 0), 0);
  const targets = [];
  if (results.chat?.api && results.chat?.bare) {
    const api = med('chat', 'api', 'deliveryMs.p99');
    const bare = med('chat', 'bare', 'deliveryMs.p99');
    const lost = sum('chat', 'lost') + sum('chat', 'sendFailed');
    targets.push({ target: 'chat: nothing lost', pass: lost === 0, value: lost });
    targets.push({
      target: 'chat: p99 delivery ≤ 1.5× bare',
      pass: api != null && bare != null && api <= 1.5 * bare,
      value: api && bare ? round(api / bare, 2) : null,
    });
  }
  if (results.mixed?.api && results.mixed?.bare) {
    const lost = sum('mixed', 'lost') + sum('mixed', 'sendFailed');
    targets.push({ target: 'mixed: nothing lost', pass: lost === 0, value: lost });
  }
  if (results.ramp?.api && results.ramp?.bare) {
    const api = med('ramp', 'api', 'highestHeldRate');
    const bare = med('ramp', 'bare', 'highestHeldRate');
    const bareCeilingFound = results.ramp.bare.every((rep) => rep.serverLimited === 1);
    targets.push({
      target: `ramp: highest rate ≥ 2/3 of bare${bareCeilingFound ? '' : ' (bare: a lower bound, its ramp hit the driver or step cap)'}`,
      pass: api != null && bare != null && api >= (2 / 3) * bare,
      value: api != null && bare ? round(api / bare, 2) : null,
    });
  }
  if (results.busy?.api) {
    const p99 = med('busy', 'api', 'deliveryMs.p99');
    const lost = sum('busy', 'lost') + sum('busy', 'sendFailed');
    targets.push({
      target: 'busy room: p99 < 100 ms, nothing lost',
      pass: p99 != null && p99 < 100 && lost === 0,
      value: p99,
    });
  }
  const biggest = Object.keys(results)
    .filter((s) => s.startsWith('connections-') && results[s].api)
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]))[0];
  if (biggest) {
    const kb = med(biggest, 'api', 'kbPerSocket');
    targets.push({
      target: `${biggest}: ≤ 40 KB per socket`,
      pass: kb != null && kb <= 40,
      value: kb,
    });
  }
  return targets;
}
