// @ts-check
// `npm run bench`: the project's API against a bare Socket.IO server under the same load,
// alternating A B A B so drift on the shared machine hits both. See docs/performance.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { readConfig } from './config.mjs';
import { round } from './stats.mjs';
import { printTable, judgeTargets, rowsOf } from './report.mjs';
import { fixedRate, idleConnections, membersLoad, rampUp } from './scenarios.mjs';
import { buildApiIfMissing, freePort, killAll, startServer } from './servers.mjs';
import { verifyAckedMessages } from './verify.mjs';
import { probeCommitLatency } from './commit-probe.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const RESULTS_DIR = join(ROOT, 'bench-results');

process.on('exit', killAll);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** @typedef {import('./scenarios.mjs').Server & { label: string }} LabelledServer */

/**
 * What one scenario runs on a server; it answers one result per results key (the connections
 * scenario measures several socket counts in one run).
 * @param {string} scenario @param {import('./config.mjs').BenchConfig} config
 * @returns {(server: LabelledServer) => Promise<Record<string, object>>}
 */
function runOf(scenario, config) {
  switch (scenario) {
    case 'chat':
      return async (s) => ({ chat: await fixedRate(s, config.chat, config.accounts, 'chat') });
    case 'mixed':
      return async (s) => ({
        mixed: await fixedRate(s, config.chat, config.accounts, 'mixed', true),
      });
    case 'busy':
      return async (s) => ({ busy: await fixedRate(s, config.busy, config.accounts, 'busy') });
    case 'ramp':
      return async (s) => ({ ramp: await rampUp(s, config.chat, config.accounts, config.ramp) });
    case 'members':
      return async (s) => ({
        members: await membersLoad(s, config.chat, config.accounts, config.memberships),
      });
    case 'connections':
      return (s) =>
        idleConnections(s, config.connections, config.accounts, config.connectionMemberships);
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

/** @param {import('./config.mjs').BenchConfig} config @param {string} stamp */
async function startAll(config, stamp) {
  if (config.servers.includes('api')) buildApiIfMissing();
  /** @type {LabelledServer[]} */
  const servers = [];
  /** @type {Set<number>} */
  const taken = new Set();
  for (const [i, kind] of config.servers.entries()) {
    const label = config.servers.indexOf(kind) === i ? kind : `${kind}#${i + 1}`;
    const cpuProfileDir =
      config.profile && kind === 'api' ? join(RESULTS_DIR, `profile-${stamp}`) : undefined;
    const logFile = join(RESULTS_DIR, `${label.replace('#', '-')}-${stamp}.log`);
    // Another benchmark run (a CI check, say) may hold the first ports: take the next free ones.
    const port = await freePort(config.portBase, config.portBase + 99, taken);
    taken.add(port);
    const server = await startServer(kind, port, { cpuProfileDir, logFile });
    servers.push(Object.assign(server, { label }));
    console.log(`${label}: ${server.url} (pid ${server.pid}, log ${logFile})`);
  }
  return servers;
}

/** A B A B: every repetition runs each server once, in the same order. */
async function runScenarios(
  /** @type {import('./config.mjs').BenchConfig} */ config,
  /** @type {LabelledServer[]} */ servers,
) {
  /** @type {import('./report.mjs').Results} */
  const results = {};
  /** @type {{ scenario: string, server: string, error: string }[]} */
  const failures = [];
  // Unrecorded warm-up: JIT, connection pools and the database's caches settle before the clock.
  for (const server of config.warmup > 0 ? servers : []) {
    await fixedRate(server, { ...config.chat, seconds: config.warmup }, config.accounts, 'warmup');
    console.log(`${server.label}: warmed up for ${config.warmup} s`);
  }
  for (const scenario of config.scenarios) {
    const run = runOf(scenario, config);
    for (let rep = 1; rep <= config.reps; rep++) {
      for (const server of servers) {
        try {
          const byKey = await run(server);
          // The machine is shared: the load average beside each run says how quiet it was.
          const loadAverage1m = round(os.loadavg()[0]);
          for (const [key, result] of Object.entries(byKey)) {
            results[key] ??= Object.fromEntries(servers.map((s) => [s.label, []]));
            results[key][server.label].push({ ...result, loadAverage1m });
            console.log(`${key} rep ${rep} ${server.label}: ${headline(result)}`);
          }
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          failures.push({ scenario, server: server.label, error });
          console.error(`${scenario} rep ${rep} ${server.label} FAILED: ${error}`);
        }
      }
    }
  }
  return { results, failures };
}

/** @param {any} r */
function headline(r) {
  if ('highestHeldRate' in r) return `highest held ${r.highestHeldRate} msg/s (${r.stoppedBy})`;
  if ('kbPerSocket' in r)
    return `${r.connectSeconds} s to connect, ${r.kbPerSocket} KB/socket (${r.memberships} memberships)`;
  if ('activityPerSec' in r)
    return `acked ${r.ackedPerSec}/s, delivery p99 ${r.deliveryMs.p99} ms, room:activity ${r.activityPerSec}/s, lost ${r.lost}`;
  return `acked ${r.ackedPerSec}/s, delivery p99 ${r.deliveryMs.p99} ms, lost ${r.lost}, failed ${r.sendFailed}`;
}

/**
 * Every acked id of each API must be in its database; a missing one is a failure of the run.
 * @param {LabelledServer[]} servers @param {{ scenario: string, server: string, error: string }[]} failures
 */
async function safetyChecks(servers, failures) {
  const safety = [];
  for (const server of servers.filter((s) => s.kind === 'api')) {
    const check = await verifyAckedMessages(server);
    safety.push({ server: server.label, ...check, missing: check.missing.slice(0, 20) });
    const { via, checked, missing } = check;
    console.log(`safety check (${via}): ${checked} acked ids, ${missing.length} missing`);
    if (missing.length) {
      const error = `${missing.length} acked messages missing from the database`;
      failures.push({ scenario: 'safety', server: server.label, error });
    }
  }
  return safety;
}

async function main() {
  const config = readConfig(process.argv.slice(2));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const servers = await startAll(config, stamp);
  const databaseUrl = config.servers.includes('api') ? process.env.DATABASE_URL : undefined;
  const postgresCommitMs = databaseUrl ? await probeCommitLatency(databaseUrl) : null;
  if (postgresCommitMs) {
    console.log(
      `PostgreSQL commit: p50 ${postgresCommitMs.p50} ms, p99 ${postgresCommitMs.p99} ms`,
    );
  }
  const { results, failures } = await runScenarios(config, servers);
  const safety = await safetyChecks(servers, failures);
  for (const server of servers) await server.stop();
  const labels = servers.map((s) => s.label);
  printTable(results, labels);
  const targets = config.smoke ? [] : judgeTargets(results);
  for (const t of targets) console.log(`${t.pass ? 'PASS' : 'FAIL'} ${t.target} (${t.value})`);
  const tables = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, rowsOf(k, v)]));
  const report = { startedAt: stamp, machine: machine(), postgresCommitMs, config, labels };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-${stamp}.json`);
  const body = { ...report, tables, targets, safety, failures, results };
  writeFileSync(file, JSON.stringify(body, null, 2));
  console.log(`\nwrote ${file}`);
  if (failures.length) {
    console.error(`${failures.length} run(s) failed`);
    process.exitCode = 1;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model,
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: os.release(),
    loadAverage: os.loadavg(),
  };
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  killAll();
  process.exit(1);
});
