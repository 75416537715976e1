// @ts-check
// Open-loop chat load: messages leave at a fixed rate whatever the server answers, so a slow
// server shows up as latency and loss, never as a politely lowered send rate.
import { summarize, round, sleep } from './stats.mjs';

/** @typedef {import('socket.io-client').Socket} Socket */
/** @typedef {{ sockets: Socket[], rooms: string[], rate: number, seconds: number, mixed?: boolean }} LoadPlan */
/** @typedef {{ ok: boolean, message?: { id: string }, error?: { code: string } }} SendAck */

const ACK_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 10_000;

/** Per-message bookkeeping, indexed by the message's sequence number in this run. */
function createLedger(/** @type {number} */ total, /** @type {number} */ socketCount) {
  return {
    sentAt: new Float64Array(total),
    expected: new Uint16Array(total),
    received: new Uint16Array(total),
    /** 0 pending, 1 acked ok, 2 failed or timed out */
    ackState: new Uint8Array(total),
    seenBy: Array.from({ length: socketCount }, () => new Uint8Array(total)),
    /** @type {number[]} */ ackMs: [],
    /** @type {number[]} acks of the mixed load's edits and reactions */ changeAckMs: [],
    /** @type {Map<string, string>} the newest acked message per room (replies, reactions) */
    lastInRoom: new Map(),
    /** @type {Map<Socket, { room: string, id: string }>} each socket's newest own message (edits) */
    ownLast: new Map(),
    changes: 0,
    /** @type {number[]} */ deliveryMs: [],
    /** @type {Map<string, string[]>} acked message ids by room, for the safety check */
    ackedIds: new Map(),
    /** @type {Record<string, number>} */ failures: {},
    sent: 0,
    acksPending: 0,
    duplicated: 0,
    stray: 0,
    lastAckAt: 0,
    lastDeliveryAt: 0,
  };
}
/** @typedef {ReturnType<typeof createLedger>} Ledger */

/** @param {Ledger} ledger @param {string} tag @param {number} socketIndex */
function deliveryHandler(ledger, tag, socketIndex) {
  const seen = ledger.seenBy[socketIndex];
  return (/** @type {{clientId: string|null}} */ message) => {
    const now = performance.now();
    const clientId = message.clientId ?? '';
    if (!clientId.startsWith(tag)) {
      ledger.stray++;
      return;
    }
    const seq = Number(clientId.slice(tag.length));
    if (seen[seq]) {
      ledger.duplicated++;
      return;
    }
    seen[seq] = 1;
    ledger.received[seq]++;
    ledger.deliveryMs.push(now - ledger.sentAt[seq]);
    ledger.lastDeliveryAt = now;
  };
}

const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

/**
 * The mixed load's change: an edit of the socket's own newest message, or a reaction to the
 * room's newest one, in turn; acked like a send but delivering no `message:new`. Null when there
 * is nothing to change yet (the caller sends instead).
 * @param {Ledger} ledger @param {Socket} socket @param {string} room
 * @param {boolean} wantEdit @param {number} n the operation's number (picks the emoji)
 */
function change(ledger, socket, room, wantEdit, n) {
  const own = ledger.ownLast.get(socket);
  const newest = ledger.lastInRoom.get(room);
  const edit = wantEdit && own;
  if (!edit && !newest) return false;
  const seq = ledger.sent++;
  const sentAt = performance.now();
  ledger.sentAt[seq] = sentAt;
  ledger.acksPending++;
  ledger.changes++;
  const [event, payload] = edit
    ? ['message:edit', { room: own.room, id: own.id, content: `edited ${seq}` }]
    : ['reaction:add', { room, messageId: newest, emoji: EMOJI[n % EMOJI.length] }];
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit(event, payload, (/** @type {Error|null} */ err, /** @type {SendAck} */ res) => {
      ledger.acksPending--;
      if (err || !res?.ok) {
        ledger.ackState[seq] = 2;
        const code = err ? 'timeout' : (res?.error?.code ?? 'bad-ack');
        ledger.failures[code] = (ledger.failures[code] ?? 0) + 1;
        return;
      }
      ledger.ackState[seq] = 1;
      const now = performance.now();
      ledger.ackMs.push(now - sentAt);
      ledger.changeAckMs.push(now - sentAt);
      ledger.lastAckAt = now;
    });
  return true;
}

/**
 * @param {Ledger} ledger @param {Socket} socket @param {string} room @param {string} tag
 * @param {boolean} [reply] answer the room's newest acked message
 */
function send(ledger, socket, room, tag, reply = false) {
  const seq = ledger.sent++;
  const sentAt = performance.now();
  ledger.sentAt[seq] = sentAt;
  ledger.acksPending++;
  const replyTo = reply ? ledger.lastInRoom.get(room) : undefined;
  const payload = {
    room,
    content: `bench ${seq} sent ${sentAt.toFixed(3)}`,
    clientId: tag + seq,
    ...(replyTo ? { replyTo } : {}),
  };
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit('message:send', payload, (/** @type {Error|null} */ err, /** @type {SendAck} */ res) => {
      ledger.acksPending--;
      const now = performance.now();
      if (err || !res?.ok || !res.message) {
        ledger.ackState[seq] = 2;
        const code = err ? 'timeout' : (res?.error?.code ?? 'bad-ack');
        ledger.failures[code] = (ledger.failures[code] ?? 0) + 1;
        return;
      }
      ledger.ackState[seq] = 1;
      ledger.ackMs.push(now - sentAt);
      ledger.lastAckAt = now;
      const ids = ledger.ackedIds.get(room) ?? [];
      ids.push(String(res.message.id));
      ledger.ackedIds.set(room, ids);
      ledger.lastInRoom.set(room, String(res.message.id));
      ledger.ownLast.set(socket, { room, id: String(res.message.id) });
    });
}

/**
 * Sends rate×seconds messages, socket after socket, each to that socket's room, then waits for
 * every ack and delivery (bounded) and reports throughput, latency and loss.
 * @param {LoadPlan} plan
 */
export async function runChatLoad(plan) {
  const { sockets, rooms, rate, seconds } = plan;
  const total = Math.max(1, Math.round(rate * seconds));
  const tag = `${Math.random().toString(36).slice(2, 8)}:`;
  const ledger = createLedger(total, sockets.length);
  const roomOf = (/** @type {number} */ i) => rooms[i % rooms.length];
  const roomSize = new Map(rooms.map((room) => [room, 0]));
  sockets.forEach((_, i) => roomSize.set(roomOf(i), (roomSize.get(roomOf(i)) ?? 0) + 1));
  const handlers = sockets.map((socket, i) => {
    const handler = deliveryHandler(ledger, tag, i);
    socket.on('message:new', handler);
    return handler;
  });
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await new Promise((done) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((rate * (performance.now() - startedAt)) / 1000) + 1);
      while (ledger.sent < due) {
        const n = ledger.sent;
        const i = n % sockets.length;
        // Mixed: one operation in five is an edit, a reaction or a reply, in turn.
        const kind = plan.mixed && n % 5 === 4 ? Math.floor(n / 5) % 3 : -1;
        if (kind === 0 || kind === 1) {
          if (change(ledger, sockets[i], roomOf(i), kind === 0, Math.floor(n / 15))) continue;
        }
        ledger.expected[n] = roomSize.get(roomOf(i)) ?? 0;
        send(ledger, sockets[i], roomOf(i), tag, kind === 2);
      }
      if (ledger.sent >= total) {
        clearInterval(timer);
        done(undefined);
      }
    }, 1);
  });
  const sendSeconds = (performance.now() - startedAt) / 1000;
  await drain(ledger, total);
  sockets.forEach((socket, i) => socket.off('message:new', handlers[i]));
  const cpu = process.cpuUsage(cpuBefore);
  return report(ledger, plan, { startedAt, sendSeconds, driverCpu: (cpu.user + cpu.system) / 1e6 });
}

/** Waits until every ack is in and every acked message reached its whole room, or a timeout. */
async function drain(/** @type {Ledger} */ ledger, /** @type {number} */ total) {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (ledger.acksPending === 0 && missingDeliveries(ledger, total) === 0) return;
    await sleep(20);
  }
}

function missingDeliveries(/** @type {Ledger} */ ledger, /** @type {number} */ total) {
  let missing = 0;
  for (let seq = 0; seq < total; seq++) {
    if (ledger.ackState[seq] === 1) missing += ledger.expected[seq] - ledger.received[seq];
  }
  return missing;
}

/**
 * @param {Ledger} ledger @param {LoadPlan} plan
 * @param {{ startedAt: number, sendSeconds: number, driverCpu: number }} timing
 */
function report(ledger, plan, timing) {
  const total = ledger.sent;
  const acked = ledger.ackMs.length;
  const delivered = ledger.deliveryMs.length;
  // Over the planned window, or longer when the server fell behind and answered late.
  const ackWindow = Math.max(plan.seconds, (ledger.lastAckAt - timing.startedAt) / 1000);
  const deliveryWindow = Math.max(plan.seconds, (ledger.lastDeliveryAt - timing.startedAt) / 1000);
  return {
    rate: plan.rate,
    seconds: plan.seconds,
    sockets: plan.sockets.length,
    rooms: plan.rooms.length,
    fanout: Math.round(plan.sockets.length / plan.rooms.length),
    sent: total,
    sendRate: round(total / timing.sendSeconds, 1),
    acked,
    sendFailed: total - acked,
    failures: ledger.failures,
    ackedPerSec: acked ? round(acked / ackWindow, 1) : 0,
    delivered,
    deliveredPerSec: delivered ? round(delivered / deliveryWindow, 1) : 0,
    lost: missingDeliveries(ledger, total),
    duplicated: ledger.duplicated,
    stray: ledger.stray,
    ackMs: summarize(ledger.ackMs),
    changes: ledger.changes,
    changeAckMs: summarize(ledger.changeAckMs),
    deliveryMs: summarize(ledger.deliveryMs),
    driverCpuSeconds: round(timing.driverCpu),
    ackedIds: ledger.ackedIds,
  };
}
/** @typedef {Awaited<ReturnType<typeof runChatLoad>>} LoadResult */
