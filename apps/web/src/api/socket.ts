import {
  CHAT_NAMESPACE,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@chat/contract';
import { io, type Socket } from 'socket.io-client';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ClientEvent = keyof ClientToServerEvents;
type Payloads = { [E in ClientEvent]: Parameters<ClientToServerEvents[E]>[0] };
type Acks = { [E in ClientEvent]: Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] };
export type EventPayload<E extends ClientEvent> = Payloads[E];
export type EventAck<E extends ClientEvent> = Acks[E];
type TimedSocket = ReturnType<ChatSocket['timeout']>;

/**
 * One line per event, so each call is checked against Socket.IO's own types; `request` looks the
 * event up here (TypeScript cannot resolve Socket.IO's conditional types for a generic event).
 */
const EMITTERS: { [E in ClientEvent]: (s: TimedSocket, p: Payloads[E]) => Promise<Acks[E]> } = {
  'room:join': (s, p) => s.emitWithAck('room:join', p),
  'room:leave': (s, p) => s.emitWithAck('room:leave', p),
  'message:send': (s, p) => s.emitWithAck('message:send', p),
  typing: (s, p) => s.emitWithAck('typing', p),
  'auth:refresh': (s, p) => s.emitWithAck('auth:refresh', p),
  'room:read': (s, p) => s.emitWithAck('room:read', p),
  'message:edit': (s, p) => s.emitWithAck('message:edit', p),
  'message:delete': (s, p) => s.emitWithAck('message:delete', p),
  'reaction:add': (s, p) => s.emitWithAck('reaction:add', p),
  'reaction:remove': (s, p) => s.emitWithAck('reaction:remove', p),
};

/** How long a connection attempt may take before it is dropped and tried again. */
export const HANDSHAKE_TIMEOUT_MS = 6000;

/** How long an event waits for its acknowledgement before the client calls it unanswered. */
export const ACK_TIMEOUT_MS = 8000;

/**
 * The one socket of a signed-in session; connected by the connection store. The handshake reads
 * the token anew each time, so a reconnect always presents the freshest one.
 *
 * WebSocket first: the default polling-then-upgrade handshake leaves a long-poll in flight
 * that the server answers with HTTP 400 ("session ID unknown") when it ends the session (logout,
 * revocation, restart) mid-upgrade — a red console error for nothing. Polling stays as the
 * fallback for networks whose proxies block WebSocket.
 */
export function createChatSocket(token: () => string): ChatSocket {
  return io(CHAT_NAMESPACE, {
    auth: (give) => give({ token: token() }),
    autoConnect: false,
    // A handshake still unanswered after this long is dropped and tried again (Socket.IO waits
    // 20 s): a connection that hangs (a captive portal, a half-open link) does not stall for long.
    timeout: HANDSHAKE_TIMEOUT_MS,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}

/** An ack that never came (timeout, lost connection); the request may or may not have landed. */
export interface NoAnswer extends AckError {
  timedOut: true;
}

export function isNoAnswer(ack: Ack<object> | NoAnswer): ack is NoAnswer {
  return 'timedOut' in ack;
}

function noAnswer(): NoAnswer {
  return {
    ok: false,
    timedOut: true,
    error: { code: 'internal', message: 'no answer from the server in time' },
  };
}

/**
 * Emits a client event and waits for its acknowledgement; a timeout or a dropped connection
 * (Socket.IO rejects waiting acks on disconnect) is answered as `NoAnswer` instead of thrown.
 */
export async function request<E extends ClientEvent>(
  socket: ChatSocket,
  event: E,
  payload: EventPayload<E>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<EventAck<E> | NoAnswer> {
  try {
    return await EMITTERS[event](socket.timeout(timeoutMs), payload);
  } catch {
    return noAnswer();
  }
}
