// @ts-check
import { io } from 'socket.io-client';

/** @typedef {import('socket.io-client').Socket} Socket */

const CONNECT_TIMEOUT_MS = 20_000;

/**
 * One socket on `/chat`, its own TCP connection (forceNew: otherwise socket.io-client would
 * multiplex every socket over one connection), websocket only, no automatic reconnection.
 * `memberships` are for the bare server, which keeps none (the API reads its own and ignores them).
 * @param {string} url @param {string} token @param {string[]} [memberships] @returns {Promise<Socket>}
 */
export function connectSocket(url, token, memberships = []) {
  const socket = io(`${url}/chat`, {
    transports: ['websocket'],
    auth: { token, memberships },
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(new Error(`connect_error: ${err.message}`));
    });
  });
}

/**
 * Connects `count` sockets, `concurrency` handshakes at a time, tokens used round-robin.
 * Returns the sockets with each one's connect time in ms.
 * @param {string} url @param {string[]} tokens @param {number} count @param {number} concurrency
 * @param {string[]} [memberships] named in each handshake (see connectSocket)
 */
export async function connectMany(url, tokens, count, concurrency, memberships = []) {
  /** @type {Socket[]} */
  const sockets = new Array(count);
  /** @type {number[]} */
  const connectMs = new Array(count);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < count && !failed) {
      const i = next++;
      const started = performance.now();
      sockets[i] = await connectSocket(url, tokens[i % tokens.length], memberships);
      connectMs[i] = performance.now() - started;
      // Another handshake failed while this one was in flight: the batch is abandoned.
      if (failed) sockets[i].close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } catch (err) {
    failed = true;
    closeAll(sockets);
    throw err;
  }
  return { sockets, connectMs };
}

/** @param {Socket} socket @param {string} room */
export async function joinRoom(socket, room) {
  /** @type {any} */
  const res = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('room:join', { room });
  if (!res?.ok) throw new Error(`room:join ${room} failed: ${JSON.stringify(res)}`);
}

/**
 * Joins socket i to rooms[roomOfSocket(i)], a bounded number at a time.
 * @param {Socket[]} sockets @param {string[]} rooms @param {number} concurrency
 */
export async function joinAll(sockets, rooms, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < sockets.length) {
      const i = next++;
      await joinRoom(sockets[i], rooms[i % rooms.length]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sockets.length) }, worker));
}

/** @param {Socket} socket @param {string} room */
export async function leaveRoom(socket, room) {
  /** @type {any} */
  const res = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('room:leave', { room });
  if (!res?.ok) throw new Error(`room:leave ${room} failed: ${JSON.stringify(res)}`);
}

/**
 * Makes socket i's user a member of every room in `rooms` but its own (rooms[i mod R]) without
 * staying joined: a join (which makes a member) and a leave (which keeps the membership).
 * @param {Socket[]} sockets @param {string[]} rooms @param {number} concurrency
 * @param {(i: number) => string|null} [own] the room socket i stays in (none: null)
 */
export async function becomeMembers(
  sockets,
  rooms,
  concurrency,
  own = (i) => rooms[i % rooms.length],
) {
  let next = 0;
  const worker = async () => {
    while (next < sockets.length) {
      const i = next++;
      for (const room of rooms) {
        if (room === own(i)) continue;
        await joinRoom(sockets[i], room);
        await leaveRoom(sockets[i], room);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sockets.length) }, worker));
}

/** @param {(Socket|undefined)[]} sockets */
export function closeAll(sockets) {
  for (const socket of sockets) socket?.close();
}
