import { Injectable, Logger } from '@nestjs/common';
import { UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import { SessionsService } from '../auth/sessions.service';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { sessionChannel, userChannel } from '../realtime/channels';
import type { ChatSocket } from './chat-socket';

type Next = (error?: Error) => void;

/**
 * Authenticates every socket at the handshake (an HTTP guard would not run for sockets). The
 * socket joins its session's channel so logout can cut it, and its user's channel so typing
 * can skip the typist's other tabs.
 */
@Injectable()
export class SocketAuthMiddleware {
  private readonly logger = new Logger(SocketAuthMiddleware.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly shutdown: ShutdownState,
  ) {}

  readonly use = (socket: ChatSocket, next: Next): void => {
    if (this.shutdown.closing) return next(new Error('unavailable'));
    this.authenticate(socket).then(next, (error: unknown) => {
      this.logger.warn(`handshake failed: ${(error as Error).message}`);
      next(new Error('internal'));
    });
  };

  private async authenticate(socket: ChatSocket): Promise<Error | undefined> {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const user = typeof token === 'string' ? await this.sessions.authenticate(token) : null;
    if (!user) return new Error(UNAUTHORIZED_HANDSHAKE);
    socket.data.user = user;
    socket.data.joined = new Map();
    socket.data.membership = Promise.resolve();
    await socket.join([sessionChannel(user.sessionId), userChannel(user.id)]);
    return undefined;
  }
}
