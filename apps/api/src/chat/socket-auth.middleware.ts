import { Injectable, Logger } from '@nestjs/common';
import { RATE_LIMITED_HANDSHAKE, UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import { SessionsService } from '../auth/sessions.service';
import { AppConfig } from '../config/app-config';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { clientAddress } from '../limits/client-address';
import { SocketCaps } from '../limits/socket-caps';
import { RoomMembersService } from '../memberships/room-members.service';
import { addressChannel, membersChannel, sessionChannel, userChannel } from '../realtime/channels';
import type { ChatSocket } from './chat-socket';

type Next = (error?: Error) => void;

/**
 * Authenticates every socket at the handshake (an HTTP guard would not run for sockets) and
 * holds it to SOCKETS_PER_USER and SOCKETS_PER_ADDRESS. The socket joins its session's channel
 * so logout can cut it, its user's channel so typing can skip the typist's other tabs, and
 * both its user's and its address's channels so they can be counted. It also joins the members
 * channel of each room its user belongs to, to hear `room:activity` of rooms it has not joined
 * (after the user's channel, so a membership added meanwhile reaches it either way).
 */
@Injectable()
export class SocketAuthMiddleware {
  private readonly logger = new Logger(SocketAuthMiddleware.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly shutdown: ShutdownState,
    private readonly caps: SocketCaps,
    private readonly config: AppConfig,
    private readonly members: RoomMembersService,
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
    const address = clientAddress(socket.request, this.config.env.TRUST_PROXY);
    const admission = await this.caps.admit(user.id, address);
    if (!admission.admitted) return new Error(RATE_LIMITED_HANDSHAKE);
    try {
      socket.data.user = user;
      socket.data.joined = new Map();
      socket.data.membership = Promise.resolve();
      await socket.join([
        sessionChannel(user.sessionId),
        userChannel(user.id),
        addressChannel(address),
      ]);
    } finally {
      admission.done();
    }
    // After admission is done: until then the socket would count twice against its caps.
    const roomIds = await this.members.roomIdsOf(user.id);
    await socket.join(roomIds.map(membersChannel));
    return undefined;
  }
}
