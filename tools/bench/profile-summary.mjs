// @ts-check
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the busy time went, by package and
// by function. Usage:
//   node tools/bench/profile-summary.mjs FILE.cpuprofile [--top 25] [--from S] [--to S]
// --from/--to keep only the samples between those seconds of the profile (the timeline printed
// first shows where the load was), so start-up and account creation can be left out.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode */
/** @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} Profile */

const RUNTIME = /^(\(native\)|node:.*|\(program\))$/;

/** Which package or part of the runtime a frame belongs to. @param {ProfileNode} node */
function packageOf(node) {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('wasm://')) return 'PGlite (wasm)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const app = /dist\/apps\/api\/([^/]+)/.exec(url);
  return app ? `api/${app[1].replace(/\.js$/, '')}` : url;
}

/** @param {ProfileNode} node */
function nameOf(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** @param {Map<string, number>} map @param {string} key @param {number} ms */
const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);

/** @param {Profile} profile @param {{ fromS: number, toS: number }} window */
export function summariseProfile(profile, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  /** @param {ProfileNode} node */
  const stackOf = (node) => {
    const stack = [node];
    for (let id = parentOf.get(node.id); id !== undefined; id = parentOf.get(id)) {
      stack.push(/** @type {ProfileNode} */ (byId.get(id)));
    }
    return stack;
  };
  const sums = {
    byPackage: new Map(),
    byCaller: new Map(),
    bySelf: new Map(),
    byInclusive: new Map(),
  };
  /** @type {number[]} busy ms per second of the profile */
  const timeline = [];
  let atMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    atMs += ms;
    const node = /** @type {ProfileNode} */ (byId.get(id));
    const pkg = packageOf(node);
    if (pkg !== '(idle)')
      timeline[Math.floor(atMs / 1000)] = (timeline[Math.floor(atMs / 1000)] ?? 0) + ms;
    if (atMs < window.fromS * 1000 || atMs > window.toS * 1000 || pkg === '(idle)') return;
    const stack = stackOf(node);
    add(sums.byPackage, pkg, ms);
    // Native and node-internal time (a socket write, say) charged to the nearest package above it.
    const caller = RUNTIME.test(pkg) ? stack.map(packageOf).find((p) => !RUNTIME.test(p)) : pkg;
    add(sums.byCaller, caller ?? pkg, ms);
    add(sums.bySelf, nameOf(node), ms);
    for (const name of new Set(stack.map(nameOf))) add(sums.byInclusive, name, ms);
  });
  const busyMs = [...sums.byPackage.values()].reduce((a, b) => a + b, 0);
  return { busyMs, timeline: Array.from(timeline, (ms) => Math.round(ms ?? 0)), ...sums };
}

/** @param {string} title @param {Map<string, number>} map @param {number} total @param {number} top */
function printTop(title, map, total, top) {
  console.log(`\n${title}`);
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of rows) {
    const share = ((100 * ms) / total).toFixed(1).padStart(5);
    console.log(`${share}%  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  if (!positionals[0])
    throw new Error('usage: profile-summary.mjs FILE.cpuprofile [--top N] [--from S] [--to S]');
  const top = Number(values.top ?? 25);
  const window = { fromS: Number(values.from ?? 0), toS: Number(values.to ?? Infinity) };
  /** @type {Profile} */
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  const s = summariseProfile(profile, window);
  console.log(`busy ms per second of the profile: ${s.timeline.join(' ')}`);
  console.log(
    `\nwindow ${window.fromS}–${window.toS} s: ${(s.busyMs / 1000).toFixed(2)} s busy (shares below are of busy time)`,
  );
  printTop('self time by package', s.byPackage, s.busyMs, top);
  printTop(
    'self time, native and node-internal charged to the nearest package above',
    s.byCaller,
    s.busyMs,
    top,
  );
  printTop('self time by function', s.bySelf, s.busyMs, top);
  printTop('inclusive time by function', s.byInclusive, s.busyMs, top);
}
