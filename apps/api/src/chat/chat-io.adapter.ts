import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { MAX_PAYLOAD_BYTES, UNKNOWN_EVENT, type AckError } from '@chat/contract';
import type { AppConfig } from '../config/app-config';
import type { RedisConnections } from '../redis/redis.module';
import { isClientEvent } from './chat-events';

/** Heartbeat: a ping every 2.5 s, answered within 2.5 s (see docs/operate.md, "Heartbeat"). */
const PING_INTERVAL_MS = 2500;
const PING_TIMEOUT_MS = 2500;

/**
 * Socket.IO server options for the whole app: packets over 64 KiB close the connection, browser
 * handshakes from foreign origins are refused (same origin and CORS_ORIGINS pass, as the seed's
 * AllowedHostsOriginValidator did), and with REDIS_URL events fan out across instances.
 * Event handlers are bound with plain listeners (see bindMessageHandlers).
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly logger = new Logger(ChatIoAdapter.name);
  private readonly answeringUnknown = new WeakSet<Socket>();

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_PAYLOAD_BYTES,
      // A connection that died silently (no offline event: a server gone, a network path cut)
      // shows in the SPA within pingInterval + pingTimeout = 5 s instead of Socket.IO's 45 s.
      pingInterval: PING_INTERVAL_MS,
      pingTimeout: PING_TIMEOUT_MS,
      allowRequest: (req: IncomingMessage, callback: (error: string | null, ok: boolean) => void) =>
        callback(null, this.isAllowedOrigin(req)),
    }) as Server;
    const redisUrl = this.config.env.REDIS_URL;
    if (redisUrl) {
      const pub = this.redis.open(redisUrl);
      server.adapter(
        createAdapter(pub, this.redis.duplicate(pub), {
          key: `${this.config.env.REDIS_KEY_PREFIX}socket.io`,
        }),
      );
    }
    return server;
  }

  /**
   * Nest's version builds an rxjs pipeline per socket and event (fromEvent → mergeMap →
   * takeUntil(disconnect)), about 15 KB of subscribers and closures that every idle socket keeps
   * for its whole life: most of what an idle socket cost us beyond a bare Socket.IO server. A
   * plain listener per event does the same work, and a closed socket's listeners go with it; an
   * answer that comes after the disconnect is dropped by Socket.IO, as takeUntil dropped it.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    // Called once per gateway of the namespace; CLIENT_EVENTS knows the events of all of them.
    if (!this.answeringUnknown.has(socket)) {
      this.answeringUnknown.add(socket);
      answerUnknownEvents(socket);
    }
    for (const { message, callback, isAckHandledManually } of handlers) {
      if (!isClientEvent(String(message))) {
        throw new Error(`${String(message)} is handled but missing from CLIENT_EVENTS`);
      }
      socket.on(String(message), (...args: unknown[]) => {
        // As rxjs fromEvent delivers them: a lone argument as itself, several as an array.
        const payload: { data: unknown; ack?: unknown } = this.mapPayload(
          args.length === 1 ? args[0] : args,
        );
        transform(callback(payload.data, payload.ack)).subscribe({
          next: (response) =>
            answer(socket, response, isAckHandledManually ? undefined : payload.ack),
          // WsAckFilter answers every handler error; this only guards the process against a
          // failure in the filter itself, which rxjs would otherwise rethrow as uncaught.
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }

  private isAllowedOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    if (this.config.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
}

type Respond = (response: unknown) => void;

/** An event no handler knows is answered `invalid`, so its sender does not wait for a timeout. */
function answerUnknownEvents(socket: Socket): void {
  const refusal: AckError = { ok: false, error: { code: 'invalid', message: UNKNOWN_EVENT } };
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack === 'function' && !isClientEvent(String(event))) (ack as Respond)(refusal);
  });
}

/** What Nest does with a handler's result: `{event, data}` is emitted, anything else acked. */
function answer(socket: Socket, response: unknown, ack: unknown): void {
  if (response === null || response === undefined) return;
  const { event, data } = response as { event?: unknown; data?: unknown };
  if (typeof event === 'string' && event) {
    socket.emit(event, data);
  } else if (typeof ack === 'function') {
    (ack as Respond)(response);
  }
}
