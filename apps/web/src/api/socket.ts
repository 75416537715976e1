import {
  CHAT_NAMESPACE,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type MessageSendPayload,
  type MessageSendResult,
  type RoomJoinPayload,
  type RoomJoinResult,
  type RoomLeavePayload,
  type ServerToClientEvents,
  type TypingPayload,
} from '@chat/contract';
import { io, type Socket } from 'socket.io-client';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an event waits for its acknowledgement before the client calls it failed. */
export const ACK_TIMEOUT_MS = 8000;

/**
 * The one socket of a signed-in session; connected by the connection store after login.
 *
 * WebSocket first: the default polling-then-upgrade handshake leaves a long-poll in flight
 * that the server answers with HTTP 400 ("session ID unknown") when it ends the session (logout,
 * revocation, restart) mid-upgrade — a red console error for nothing. Polling stays as the
 * fallback for networks whose proxies block WebSocket.
 */
export function createChatSocket(token: string): ChatSocket {
  return io(CHAT_NAMESPACE, {
    auth: { token },
    autoConnect: false,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}

/** An ack that never came (timeout, lost connection); the request may or may not have landed. */
export interface NoAnswer extends AckError {
  timedOut: true;
}

function timedOut(): NoAnswer {
  return {
    ok: false,
    timedOut: true,
    error: { code: 'internal', message: 'no answer from the server in time' },
  };
}

export function joinRoom(
  socket: ChatSocket,
  payload: RoomJoinPayload,
): Promise<Ack<RoomJoinResult> | NoAnswer> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('room:join', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function leaveRoom(socket: ChatSocket, payload: RoomLeavePayload): Promise<Ack | NoAnswer> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('room:leave', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function sendMessage(
  socket: ChatSocket,
  payload: MessageSendPayload,
): Promise<Ack<MessageSendResult> | NoAnswer> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function sendTyping(socket: ChatSocket, payload: TypingPayload): Promise<Ack | NoAnswer> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('typing', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}
