import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_PAYLOAD_BYTES } from '@chat/contract';
import type { AppConfig } from '../config/app-config';

/**
 * Socket.IO server options for the whole app: packets over 64 KiB close the connection, browser
 * handshakes from foreign origins are refused (same origin and CORS_ORIGINS pass, as the seed's
 * AllowedHostsOriginValidator did), and with REDIS_URL events fan out across instances.
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
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
      const pub = new Redis(redisUrl, { lazyConnect: false });
      const sub = pub.duplicate();
      this.redisClients.push(pub, sub);
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
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
