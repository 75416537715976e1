// @ts-check
import { becomeMembers, connectMany, joinAll, closeAll } from './clients.mjs';
import { runChatLoad } from './chat-load.mjs';
import { ensureAccounts, createRooms, freshAccounts } from './fixtures.mjs';
import { memoryKb, watchProcess } from './proc-stats.mjs';
import { round, sleep, summarize } from './stats.mjs';

/** @typedef {import('./servers.mjs').RunningServer & { tokens?: string[], tag?: string, ackedIds?: Map<string, string[]> }} Server */
/** @typedef {{ users: number, rooms: number, rate: number, seconds: number }} Topology */

const CONNECT_CONCURRENCY = 50;
const JOIN_CONCURRENCY = 20;

/**
 * Connects `topology.users` sockets and joins them, socket i to room i mod R, in fresh rooms.
 * With `fresh`, on accounts of their own (see freshAccounts).
 * @param {Server} server @param {Topology} topology @param {number} accounts @param {string} label
 * @param {boolean} [fresh]
 */
async function openRooms(server, topology, accounts, label, fresh = false) {
  const count = Math.min(accounts, topology.users);
  const tokens = await (fresh ? freshAccounts(server, count) : ensureAccounts(server, count));
  const rooms = await createRooms(server, topology.rooms, label);
  const { sockets } = await connectMany(server.url, tokens, topology.users, CONNECT_CONCURRENCY);
  try {
    await joinAll(sockets, rooms, JOIN_CONCURRENCY);
  } catch (err) {
    closeAll(sockets);
    throw err;
  }
  // Let the join-time presence broadcasts finish before the clock starts.
  await sleep(500);
  return { sockets, rooms };
}

/**
 * Closes the sockets and gives the server time to process the disconnects (the API updates
 * presence in its database), so that work does not land in the other server's measurement.
 * @param {import('./clients.mjs').Socket[]} sockets
 */
async function closeAndSettle(sockets) {
  closeAll(sockets);
  await sleep(1500);
}

/** Keeps the acked ids (for the safety check) and drops them from the printed result. */
function recordAcked(/** @type {Server} */ server, /** @type {Map<string, string[]>} */ ackedIds) {
  server.ackedIds ??= new Map();
  for (const [room, ids] of ackedIds) {
    server.ackedIds.set(room, [...(server.ackedIds.get(room) ?? []), ...ids]);
  }
}

/**
 * One load run under the server watcher: the chat load, the mixed load (one operation in five an
 * edit, a reaction or a reply) and the one-busy-room load.
 * @param {Server} server @param {Topology} topology @param {number} accounts @param {string} label
 * @param {boolean} [mixed]
 */
export async function fixedRate(server, topology, accounts, label, mixed = false) {
  const { sockets, rooms } = await openRooms(server, topology, accounts, label);
  try {
    const watch = watchProcess(server.pid);
    const { ackedIds, ...load } = await runChatLoad({
      sockets,
      rooms,
      rate: topology.rate,
      seconds: topology.seconds,
      mixed,
    });
    const serverStats = watch.stop();
    recordAcked(server, ackedIds);
    return { ...load, server: serverStats };
  } finally {
    await closeAndSettle(sockets);
  }
}

/** @param {{ stop(): unknown }} watch */
function stopQuietly(watch) {
  try {
    watch.stop();
  } catch {
    // The run has failed already; that failure is the one to report.
  }
}

/**
 * The chat load where each socket's user is also a member of `memberships` rooms it has not
 * joined: the run has memberships + 1 rooms, all carrying the load, each socket joined to one and
 * a member of the others (a join, then a leave), so every message also reaches the members not
 * looking at its room as `room:activity` (folded to at most one per room a second). On fresh
 * accounts, so those are all their memberships.
 * @param {Server} server @param {Topology} topology @param {number} accounts @param {number} memberships
 */
export async function membersLoad(server, topology, accounts, memberships) {
  const shape = { ...topology, rooms: memberships + 1 };
  const { sockets, rooms } = await openRooms(server, shape, accounts, 'members', true);
  try {
    await becomeMembers(sockets, rooms, JOIN_CONCURRENCY);
    // The joins' and leaves' presence broadcasts end before the clock starts.
    await sleep(1000);
    let activity = 0;
    for (const socket of sockets) socket.on('room:activity', () => (activity += 1));
    const watch = watchProcess(server.pid);
    const { rate, seconds } = topology;
    const outcome = await runChatLoad({ sockets, rooms, rate, seconds }).catch((err) => {
      // A watcher left running outlives a restarted server's process, and then throws.
      stopQuietly(watch);
      throw err;
    });
    const serverStats = watch.stop();
    const { ackedIds, ...load } = outcome;
    recordAcked(server, ackedIds);
    return {
      ...load,
      server: serverStats,
      memberships,
      activityEvents: activity,
      activityPerSec: round(activity / topology.seconds),
    };
  } finally {
    await closeAndSettle(sockets);
  }
}

/**
 * One ramp step: the load at `rate` under the server watcher, and whether it held.
 * @param {Server} server @param {{ sockets: import('./clients.mjs').Socket[], rooms: string[] }} open
 * @param {number} rate @param {{ seconds: number, p99LimitMs: number }} ramp
 */
async function rampStep(server, open, rate, ramp) {
  const watch = watchProcess(server.pid);
  const { ackedIds, ...load } = await runChatLoad({ ...open, rate, seconds: ramp.seconds });
  const serverStats = watch.stop();
  recordAcked(server, ackedIds);
  const p99 = load.deliveryMs.p99 ?? Infinity;
  const held = load.lost === 0 && load.sendFailed === 0 && p99 <= ramp.p99LimitMs;
  await sleep(500);
  return {
    rate,
    held,
    // Past ~85% of a core the load driver, not the server, sets the pace: stop climbing there.
    driverBound: load.driverCpuSeconds / ramp.seconds > 0.85,
    p99DeliveryMs: load.deliveryMs.p99,
    lost: load.lost,
    sendFailed: load.sendFailed,
    deliveredPerSec: load.deliveredPerSec,
    server: serverStats,
    driverCpuSeconds: load.driverCpuSeconds,
  };
}

/**
 * Raises the rate by `factor` each step until p99 delivery passes the limit or anything is
 * lost (twice in a row), or the load driver itself runs out of CPU, then halves the gap between the last rate that held and the first that did not
 * (`refine` times) so the answer is not just a power of the factor.
 * @param {Server} server @param {Topology} topology @param {number} accounts
 * @param {{ start: number, factor: number, steps: number, refine: number, seconds: number, p99LimitMs: number }} ramp
 */
export async function rampUp(server, topology, accounts, ramp) {
  const open = await openRooms(server, topology, accounts, 'ramp');
  const steps = [];
  let held = 0;
  let failed = 0;
  /** @type {'server limit'|'driver limit'|'step cap'} */
  let stoppedBy = 'step cap';
  try {
    for (let rate = ramp.start; steps.length < ramp.steps; rate = Math.round(rate * ramp.factor)) {
      // A failed step is tried once more: on a shared machine one noisy neighbour's burst should
      // not end the ramp, but a rate that fails twice in a row did not hold.
      const step = await rampStep(server, open, rate, ramp);
      steps.push(step);
      if (!step.held) steps.push(await rampStep(server, open, rate, ramp));
      const last = steps[steps.length - 1];
      if (!last.held && !last.driverBound) stoppedBy = 'server limit';
      if (!last.held) failed = rate;
      else held = rate;
      if (!last.held || last.driverBound) break;
    }
    if (stoppedBy === 'step cap' && steps[steps.length - 1]?.driverBound)
      stoppedBy = 'driver limit';
    for (let i = 0; i < ramp.refine && held > 0 && failed > held * 1.05; i++) {
      const step = await rampStep(server, open, Math.round((held + failed) / 2), ramp);
      steps.push(step);
      if (step.held) held = step.rate;
      else failed = step.rate;
    }
  } finally {
    await closeAndSettle(open.sockets);
  }
  // Only a ramp stopped by the server measured its ceiling; otherwise `held` is a lower bound.
  return {
    highestHeldRate: held,
    stoppedBy,
    serverLimited: stoppedBy === 'server limit' ? 1 : 0,
    steps,
  };
}

/**
 * RSS once it has stopped moving (four samples 0.5 s apart within 2%, at most 10 s): right after
 * a load the heap is still full of garbage that V8 frees when the process goes idle.
 * @param {number} pid
 */
async function settledRssKb(pid) {
  const samples = [];
  for (let i = 0; i < 20; i++) {
    samples.push(memoryKb(pid, 'VmRSS'));
    const last = samples.slice(-4);
    if (last.length === 4 && Math.max(...last) <= Math.min(...last) * 1.02) break;
    await sleep(500);
  }
  return samples[samples.length - 1];
}

/**
 * Makes every account a member of `count` fresh rooms (none joined), through one socket each;
 * returns the rooms, which the bare server is told of at each handshake (it keeps no members).
 * @param {Server} server @param {string[]} tokens @param {number} count
 */
async function makeMembers(server, tokens, count) {
  if (count === 0) return [];
  const rooms = await createRooms(server, count, 'member');
  if (server.kind === 'api') {
    const { sockets } = await connectMany(server.url, tokens, tokens.length, CONNECT_CONCURRENCY);
    try {
      await becomeMembers(sockets, rooms, JOIN_CONCURRENCY, () => null);
    } finally {
      await closeAndSettle(sockets);
    }
  }
  return rooms;
}

/**
 * How many rooms an account is a member of: on the API all of its memberships (earlier
 * scenarios' rooms included), on the bare server the ones named at the handshake.
 * @param {Server} server @param {string} token @param {string[]} named
 */
async function membershipsOf(server, token, named) {
  if (server.kind !== 'api') return named.length;
  const res = await fetch(`${server.url}/api/me/rooms`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET /api/me/rooms answered ${res.status}`);
  return /** @type {unknown[]} */ (await res.json()).length;
}

/**
 * Idle sockets (connected, in no room) on a freshly restarted server, added level by level
 * (e.g. 1000, then up to 5000, then up to 10000) and all held open: the time to connect each
 * level's new sockets, and RSS per socket = (RSS at the level − RSS before any) ÷ sockets open.
 * A fresh process matters: one whose heap already grew under load reuses that memory and
 * would report sockets as nearly free. With `memberships`, every account is first made a member
 * of that many rooms, which each of its sockets is subscribed to at connect.
 * @param {Server} server @param {number[]} levels @param {number} accounts @param {number} [memberships]
 */
export async function idleConnections(server, levels, accounts, memberships = 0) {
  const sorted = [...levels].sort((a, b) => a - b);
  const count = Math.min(accounts, sorted[sorted.length - 1]);
  // Fresh accounts when memberships count: the shared ones belong to every earlier run's rooms.
  const tokens = await (memberships > 0
    ? freshAccounts(server, count)
    : ensureAccounts(server, count));
  const memberOf = await makeMembers(server, tokens, memberships);
  const perAccount = await membershipsOf(server, tokens[0], memberOf);
  await server.restart();
  // Start-up garbage (migrations, module loading) is still being freed for a few seconds.
  await sleep(3000);
  const rssStartKb = await settledRssKb(server.pid);
  /** @type {import('./clients.mjs').Socket[]} */
  const open = [];
  /** @type {Record<string, object>} */
  const byLevel = {};
  try {
    for (const level of sorted) {
      const added = level - open.length;
      const started = performance.now();
      const batch = await connectMany(server.url, tokens, added, CONNECT_CONCURRENCY, memberOf);
      const connectSeconds = (performance.now() - started) / 1000;
      open.push(...batch.sockets);
      const rssKb = await settledRssKb(server.pid);
      byLevel[`connections-${level}`] = {
        sockets: level,
        added,
        connectSeconds: round(connectSeconds),
        connectsPerSec: round(added / connectSeconds, 1),
        connectMs: summarize(batch.connectMs),
        rssStartMb: round(rssStartKb / 1024, 1),
        rssAfterMb: round(rssKb / 1024, 1),
        kbPerSocket: round((rssKb - rssStartKb) / level, 1),
        memberships: perAccount,
      };
    }
  } finally {
    closeAll(open);
    await sleep(2000);
  }
  return byLevel;
}
