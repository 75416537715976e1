import {
  CHAT_NAMESPACE,
  type Ack,
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

/** The one socket of a signed-in session; connected by the connection store after login. */
export function createChatSocket(token: string): ChatSocket {
  return io(CHAT_NAMESPACE, { auth: { token }, autoConnect: false });
}

/** An ack that never came (timeout, lost connection) is reported like a server-side failure. */
function timedOut(): Ack<never> {
  return { ok: false, error: { code: 'internal', message: 'No answer from the server in time' } };
}

export function joinRoom(
  socket: ChatSocket,
  payload: RoomJoinPayload,
): Promise<Ack<RoomJoinResult>> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('room:join', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function leaveRoom(socket: ChatSocket, payload: RoomLeavePayload): Promise<Ack> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('room:leave', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function sendMessage(
  socket: ChatSocket,
  payload: MessageSendPayload,
): Promise<Ack<MessageSendResult>> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}

export function sendTyping(socket: ChatSocket, payload: TypingPayload): Promise<Ack> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('typing', payload, (err, res) => {
      resolve(err ? timedOut() : res);
    });
  });
}
