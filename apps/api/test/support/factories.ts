import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  CHAT_NAMESPACE,
  type AuthResponse,
  type ClientToServerEvents,
  type Message,
  type Room,
  type RoomJoinResult,
  type ServerToClientEvents,
  type User,
} from '@chat/contract';

/** A typed client socket, as the SPA holds it. */
export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
export type ClientEvent = keyof ClientToServerEvents;
/** What an event's acknowledgement carries. */
export type AckOf<E extends ClientEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export interface TestUser {
  token: string;
  user: User;
  password: string;
}

export const PASSWORD = 'correct-horse-battery';
const DEFAULT_TIMEOUT_MS = 5000;

/** A name no other test (or test file running in parallel) will pick. */
export function uniqueName(prefix = 'u'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

let addresses = 0;
/** A client address no other test of the file uses (sent as X-Forwarded-For, with TRUST_PROXY=1). */
export function uniqueAddress(): string {
  addresses += 1;
  return `198.51.${100 + Math.floor(addresses / 250)}.${addresses % 250}`;
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

export async function signup(url: string, username = uniqueName('user')): Promise<TestUser> {
  const res = await request(url)
    .post('/api/auth/signup')
    .send({ username, password: PASSWORD })
    .expect(201);
  const body = res.body as AuthResponse;
  return { token: body.accessToken, user: body.user, password: PASSWORD };
}

/** A second session of an existing user (e.g. another device). */
export async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  const res = await request(url).post('/api/auth/login').send({ username, password }).expect(200);
  return (res.body as AuthResponse).accessToken;
}

export async function createRoom(
  url: string,
  token: string,
  name = uniqueName('room'),
): Promise<Room> {
  const res = await request(url)
    .post('/api/rooms')
    .set('Authorization', `Bearer ${token}`)
    .send({ name })
    .expect(201);
  return res.body as Room;
}

export async function postMessage(
  url: string,
  token: string,
  room: string,
  content: string,
  clientId?: string,
): Promise<Message> {
  const res = await request(url)
    .post(`/api/rooms/${room}/messages`)
    .set('Authorization', `Bearer ${token}`)
    .send(clientId === undefined ? { content } : { content, clientId })
    .expect(201);
  return res.body as Message;
}

/** The newest messages of a room (up to 100), oldest first, as stored. */
export async function listMessages(url: string, token: string, room: string): Promise<Message[]> {
  const res = await request(url)
    .get(`/api/rooms/${room}/messages?limit=100`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  return res.body as Message[];
}

/** One page of a room's messages for the given cursor/limit query (expects 200). */
export async function fetchMessages(
  url: string,
  token: string,
  room: string,
  query: Record<string, string | number> = {},
): Promise<Message[]> {
  const res = await request(url)
    .get(`/api/rooms/${room}/messages`)
    .query(query)
    .set(bearer(token))
    .expect(200);
  return res.body as Message[];
}

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** An unconnected socket to `/chat`, with no retries so a failure is seen, not hidden. */
export function chatSocket(url: string, options: ClientOptions = {}): ChatClient {
  return io(url + CHAT_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    ...options,
  });
}

/** Resolves with the socket once connected; rejects with the `connect_error`. */
export function connect(
  url: string,
  token: string,
  options: ClientOptions = {},
): Promise<ChatClient> {
  const socket = chatSocket(url, { auth: { token }, ...options });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect();
  });
}

/** The `connect_error` a refused handshake produces (fails if the socket connects instead). */
export function connectError(url: string, options: ClientOptions): Promise<Error> {
  const socket = chatSocket(url, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('the handshake was accepted'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
    socket.connect();
  });
}

export function emitWithAck<E extends ClientEvent>(
  socket: ChatClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<AckOf<E>> {
  return emitRaw(socket, event, payload, timeoutMs) as Promise<AckOf<E>>;
}

/** Joins over the socket and returns the ack's body; throws with the error when refused. */
export async function joinRoom(
  socket: ChatClient,
  room: string,
  since?: string,
): Promise<RoomJoinResult> {
  const ack = await emitWithAck(
    socket,
    'room:join',
    since === undefined ? { room } : { room, since },
  );
  if (!ack.ok) throw new Error(`room:join ${room}: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

/** Sends over the socket and returns the stored message; throws with the error when refused. */
export async function sendMessage(
  socket: ChatClient,
  room: string,
  content: string,
  clientId?: string,
): Promise<Message> {
  const payload = clientId === undefined ? { room, content } : { room, content, clientId };
  const ack = await emitWithAck(socket, 'message:send', payload);
  if (!ack.ok) throw new Error(`message:send ${room}: ${ack.error.code} ${ack.error.message}`);
  return ack.message;
}

/** Emits anything at all (bad payloads included) and resolves with the acknowledgement. */
export function emitRaw(
  socket: ChatClient,
  event: string,
  payload: unknown,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<unknown> {
  const untyped = socket as unknown as Socket;
  return untyped.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;
}

/** The next `event` on the socket that satisfies `predicate`; rejects after `timeoutMs`. */
export function nextEvent<E extends ServerEvent>(
  socket: ChatClient,
  event: E,
  predicate: (payload: ServerPayload<E>) => boolean = () => true,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ServerPayload<E>> {
  const untyped = socket as unknown as Socket;
  // A plain string name selects the untyped overload; a generic `E` confuses socket.io's types.
  const name: string = event;
  return new Promise((resolve, reject) => {
    const listener = (payload: ServerPayload<E>): void => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      untyped.off(name, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      untyped.off(name, listener);
      reject(new Error(`no ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    untyped.on(name, listener);
  });
}

/** Records every `event` the socket receives from now on. */
export function recordEvents<E extends ServerEvent>(
  socket: ChatClient,
  event: E,
): ServerPayload<E>[] {
  const seen: ServerPayload<E>[] = [];
  const name: string = event;
  (socket as unknown as Socket).on(name, (payload: ServerPayload<E>) => seen.push(payload));
  return seen;
}

/** Resolves with the disconnect reason; rejects if the socket stays connected. */
export function nextDisconnect(
  socket: ChatClient,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function closeAll(sockets: ChatClient[]): void {
  for (const socket of sockets.splice(0)) socket.close();
}
