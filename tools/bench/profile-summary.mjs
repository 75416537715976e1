// @ts-check
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the time went, by package and by
// function, self time and inclusive time. Usage: node tools/bench/profile-summary.mjs FILE [TOP]
import { readFileSync } from 'node:fs';

/** @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode */

/** Which package or part of the runtime a frame belongs to. @param {ProfileNode} node */
function categoryOf(node) {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
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

/** @param {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} profile */
export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const selfMs = new Map();
  profile.samples.forEach((id, i) => add(selfMs, String(id), (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byCategory = new Map();
  const bySelf = new Map();
  const byInclusive = new Map();
  for (const [id, ms] of selfMs) {
    const node = /** @type {ProfileNode} */ (byId.get(Number(id)));
    add(byCategory, categoryOf(node), ms);
    add(bySelf, nameOf(node), ms);
    // Inclusive time: count each function once per sample, however deep its recursion.
    const seen = new Set();
    for (
      let cur = /** @type {ProfileNode|undefined} */ (node);
      cur;
      cur = byId.get(parentOf.get(cur.id))
    ) {
      const name = nameOf(cur);
      if (!seen.has(name)) add(byInclusive, name, ms);
      seen.add(name);
    }
  }
  return { totalMs, byCategory, bySelf, byInclusive };
}

/** @param {string} title @param {Map<string, number>} map @param {number} total @param {number} top */
function printTop(title, map, total, top) {
  console.log(`\n${title}`);
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of rows) {
    console.log(
      `${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.mjs FILE.cpuprofile [TOP]');
  const top = Number(topArg ?? 25);
  const { totalMs, byCategory, bySelf, byInclusive } = summariseProfile(
    JSON.parse(readFileSync(file, 'utf8')),
  );
  const busyMs = totalMs - (byCategory.get('(idle)') ?? 0);
  console.log(
    `profile: ${(totalMs / 1000).toFixed(1)} s wall, ${(busyMs / 1000).toFixed(1)} s not idle`,
  );
  printTop('self time by package / category', byCategory, totalMs, top);
  printTop('self time by function', bySelf, totalMs, top);
  printTop('inclusive time by function', byInclusive, totalMs, top);
}
