// @ts-check
import { io } from 'socket.io-client';

/** @typedef {import('socket.io-client').Socket} Socket */

const CONNECT_TIMEOUT_MS = 20_000;

/**
 * One socket on `/chat`, its own TCP connection (forceNew: otherwise socket.io-client would
 * multiplex every socket over one connection), websocket only, no automatic reconnection.
 * @param {string} url @param {string} token @returns {Promise<Socket>}
 */
export function connectSocket(url, token) {
  const socket = io(`${url}/chat`, {
    transports: ['websocket'],
    auth: { token },
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
 */
export async function connectMany(url, tokens, count, concurrency) {
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
      sockets[i] = await connectSocket(url, tokens[i % tokens.length]);
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

/** @param {(Socket|undefined)[]} sockets */
export function closeAll(sockets) {
  for (const socket of sockets) socket?.close();
}
