import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_PAYLOAD_BYTES } from '@chat/contract';
import type { AppConfig } from '../config/app-config';
import type { RedisConnections } from '../redis/redis.module';

/**
 * Socket.IO server options for the whole app: packets over 64 KiB close the connection, browser
 * handshakes from foreign origins are refused (same origin and CORS_ORIGINS pass, as the seed's
 * AllowedHostsOriginValidator did), and with REDIS_URL events fan out across instances.
 */
export class ChatIoAdapter extends IoAdapter {
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
