import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { CHAT_NAMESPACE, ChatEvent, type AckSuccess, type AuthRefreshResult } from '@chat/contract';
import { SessionsService } from '../auth/sessions.service';
import { DomainError } from '../common/domain-error';
import { EventPayload, type EventPayloadOf } from './chat-events';
import type { ChatSocket } from './chat-socket';
import { WsAckFilter } from './ws-ack.filter';

/** setTimeout's longest delay (about 24.8 days); a later deadline is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps each socket within the life of its credentials, on the same `/chat` namespace as the
 * ChatGateway: a socket is disconnected when its access token expires (or its session, if that
 * is sooner), unless `auth:refresh` moved it onto a newer token of the same session first.
 * Logout and revocation cut sockets through their session's channel (RealtimePublisher).
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
@UseFilters(WsAckFilter)
export class SocketSessionGateway implements OnGatewayConnection {
  private readonly deadlines = new WeakMap<ChatSocket, NodeJS.Timeout>();

  constructor(private readonly sessions: SessionsService) {}

  handleConnection(socket: ChatSocket): void {
    // Only authenticated sockets connect (SocketAuthMiddleware refuses the others).
    if (!socket.data.user) return;
    this.scheduleDisconnect(socket);
    socket.once('disconnect', () => clearTimeout(this.deadlines.get(socket)));
  }

  @SubscribeMessage(ChatEvent.AuthRefresh)
  async refresh(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.AuthRefresh) body: EventPayloadOf<'auth:refresh'>,
  ): Promise<AckSuccess<AuthRefreshResult>> {
    const current = socket.data.user;
    const next = await this.sessions.authenticate(body.token);
    if (!next || next.sessionId !== current.sessionId || next.id !== current.id) {
      throw new DomainError('unauthorized', "not a valid token of this socket's session");
    }
    socket.data.user = next;
    this.scheduleDisconnect(socket);
    return { ok: true, expiresAt: next.expiresAt.toISOString() };
  }

  private scheduleDisconnect(socket: ChatSocket): void {
    clearTimeout(this.deadlines.get(socket));
    const deadline = socket.data.user.expiresAt.getTime();
    const delay = Math.min(Math.max(deadline - Date.now(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (Date.now() < deadline) this.scheduleDisconnect(socket);
      else socket.disconnect(true);
    }, delay);
    // The socket keeps the process alive, not its deadline.
    timer.unref();
    this.deadlines.set(socket, timer);
  }
}
