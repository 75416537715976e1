import type { Ack, Message, Presence } from '@chat/contract';
import type { ChatSocket } from '../api/socket';

type Handler = (...args: unknown[]) => void;
/** Any acknowledgement body: the test decides what the server answers. */
export type AnyAck = Ack<Record<string, unknown>>;

/** One client→server event the app emitted, with the means to answer (or never answer) it. */
export interface EmittedEvent {
  event: string;
  payload: Record<string, unknown>;
  answer: (ack: AnyAck) => void;
  timeOut: () => void;
}

/**
 * Stands in for the Socket.IO client: records what the app emits, lets the test answer the
 * acknowledgements and play server events, connects and drops on demand.
 */
export class FakeSocket {
  connected = false;
  /** False once the server refused the handshake: Socket.IO then no longer reconnects by itself. */
  active = true;
  connectCalls = 0;
  readonly emitted: EmittedEvent[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.connected = false;
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, payload: Record<string, unknown>) =>
        new Promise<AnyAck>((resolve, reject) => {
          this.emitted.push({
            event,
            payload,
            answer: resolve,
            timeOut: () => reject(new Error('operation has timed out')),
          });
        }),
    };
  }

  /** Plays an event as if the server (or the socket itself) fired it. */
  fire(event: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
  }

  goOnline(): void {
    this.connected = true;
    this.fire('connect');
  }

  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server answered the handshake with an error (middleware `next(new Error(message))`). */
  refuse(message: string): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', new Error(message));
  }

  emittedOf(event: string): EmittedEvent[] {
    return this.emitted.filter((item) => item.event === event);
  }

  lastOf(event: string): EmittedEvent {
    const found = this.emittedOf(event).at(-1);
    if (!found) throw new Error(`nothing emitted as ${event}`);
    return found;
  }

  asChatSocket(): ChatSocket {
    return this as unknown as ChatSocket;
  }
}

const alice = { id: '00000000-0000-4000-8000-000000000001', username: 'alice' };
const bob = { id: '00000000-0000-4000-8000-000000000002', username: 'bob' };
export const users = { alice, bob };

export function aMessage(id: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    room: 'general',
    author: bob,
    content: `message ${id}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, Number(BigInt(id) % 60n))).toISOString(),
    clientId: null,
    seq: id,
    editedAt: null,
    deleted: false,
    replyTo: null,
    reactions: [],
    mentions: [],
    ...overrides,
  };
}

export function aPresence(online = [alice, bob]): Presence {
  return { room: 'general', online, count: online.length };
}

export function joinAck(
  missed: Message[] = [],
  missedMore = false,
  changed: Message[] = [],
  changedMore = false,
): AnyAck {
  return {
    ok: true,
    room: {
      id: '10000000-0000-4000-8000-000000000001',
      name: 'general',
      createdAt: '2026-01-01T00:00:00.000Z',
      owner: alice,
      onlineCount: 2,
      kind: 'public',
      memberCount: 2,
    },
    presence: aPresence(),
    missed,
    missedMore,
    changed,
    changedMore,
  };
}

/**
 * Answers fetch calls by path and method: a returned Response (or a promise of one, to answer
 * later) is sent as it is, anything else as a 200 JSON body. Records every URL and method.
 */
export function fakeFetch(respond: (url: URL, method: string) => unknown) {
  const requested: URL[] = [];
  const calls: { method: string; url: URL }[] = [];
  const fetchImpl = (input: string | URL | Request, init?: RequestInit) => {
    const href = input instanceof Request ? input.url : input.toString();
    const url = new URL(href, 'http://localhost');
    const method = init?.method ?? 'GET';
    requested.push(url);
    calls.push({ method, url });
    const body = respond(url, method);
    if (body instanceof Response || body instanceof Promise) return Promise.resolve(body);
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  };
  return { requested, calls, fetchImpl };
}

/** A REST answer with a status other than 200, e.g. 204 or an API error. */
export function aResponse(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Lets pending promise callbacks (acks, fetch bodies, IndexedDB requests) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

export const aUser = (who: { id: string; username: string } = alice) => ({
  ...who,
  createdAt: '2026-01-01T00:00:00.000Z',
});
