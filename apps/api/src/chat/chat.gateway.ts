import { Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import {
  CHAT_NAMESPACE,
  ChatEvent,
  type AckSuccess,
  type MessageEditResult,
  type MessageSendResult,
  type ReactionResult,
  type RoomJoinResult,
  type RoomReadResult,
  type ServerToClientEvents,
} from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { SocketCaps } from '../limits/socket-caps';
import { roomChannel, userChannel } from '../realtime/channels';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ChatService } from './chat.service';
import { EventPayload, type EventPayloadOf } from './chat-events';
import { ChatSocket, inTurn, JoinedRoom, joinedRoom } from './chat-socket';
import { SocketAuthMiddleware } from './socket-auth.middleware';
import { WsAckFilter } from './ws-ack.filter';

/**
 * The `/chat` namespace: thin handlers that validate (each payload by its event's DTO class in
 * chat-events.ts), delegate to ChatService and move sockets.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
@UseFilters(WsAckFilter)
export class ChatGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly chat: ChatService,
    private readonly realtime: RealtimePublisher,
    private readonly socketAuth: SocketAuthMiddleware,
    private readonly shutdown: ShutdownState,
    private readonly caps: SocketCaps,
  ) {}

  afterInit(namespace: Namespace): void {
    this.realtime.bind(namespace as Namespace<Record<string, never>, ServerToClientEvents>);
    this.caps.bind(namespace);
    namespace.use((socket, next) => this.socketAuth.use(socket as ChatSocket, next));
  }

  handleDisconnect(socket: ChatSocket): void {
    // When this instance stops, its presence rows were already removed in one sweep.
    if (!socket.data.user || this.shutdown.closing) return;
    this.chat.disconnect(socket.id, socket.data.joined.values()).catch((error: unknown) => {
      this.logger.warn(`presence cleanup failed for ${socket.id}: ${(error as Error).message}`);
    });
  }

  @SubscribeMessage(ChatEvent.RoomJoin)
  async join(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.RoomJoin) body: EventPayloadOf<'room:join'>,
  ): Promise<AckSuccess<RoomJoinResult>> {
    // Counted before queueing: a flood is refused at once instead of lengthening the queue.
    await this.chat.countMembershipChange(socket.id);
    return inTurn(socket, () => this.joinNow(socket, body));
  }

  private async joinNow(
    socket: ChatSocket,
    body: EventPayloadOf<'room:join'>,
  ): Promise<AckSuccess<RoomJoinResult>> {
    const found = await this.chat.findRoom(body.room, socket.data.user);
    const { room } = found;
    const alreadyJoined = socket.data.joined.has(room.id);
    // Subscribe before reading what was missed: a message committed in between then arrives
    // live (clients merge by id) instead of falling between the catch-up and the stream.
    await socket.join(roomChannel(room.id));
    try {
      // A removal or ban that committed before the subscription missed this socket.
      await this.chat.confirmMembership(found, socket.data.user);
      const result = await this.chat.join(socket.id, socket.data.user, room, body.since);
      socket.data.joined.set(room.id, room);
      // The socket may have closed while we were joining; its disconnect cleanup has already run.
      if (socket.disconnected) await this.chat.leave(socket.id, room);
      return { ok: true, ...result };
    } catch (error) {
      if (!alreadyJoined) await socket.leave(roomChannel(room.id));
      throw error;
    }
  }

  @SubscribeMessage(ChatEvent.RoomLeave)
  async leave(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.RoomLeave) body: EventPayloadOf<'room:leave'>,
  ): Promise<AckSuccess> {
    await this.chat.countMembershipChange(socket.id);
    return inTurn(socket, () => this.leaveNow(socket, body));
  }

  private async leaveNow(
    socket: ChatSocket,
    body: EventPayloadOf<'room:leave'>,
  ): Promise<AckSuccess> {
    const room = joinedRoom(socket, body.room);
    if (!room) return { ok: true };
    socket.data.joined.delete(room.id);
    await socket.leave(roomChannel(room.id));
    await this.chat.leave(socket.id, room);
    return { ok: true };
  }

  @SubscribeMessage(ChatEvent.MessageSend)
  async send(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.MessageSend) body: EventPayloadOf<'message:send'>,
  ): Promise<AckSuccess<MessageSendResult>> {
    const room = this.requireJoined(socket, body.room);
    const message = await this.chat.send(socket.data.user, room, body.content, body);
    return { ok: true, message };
  }

  @SubscribeMessage(ChatEvent.MessageEdit)
  async edit(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.MessageEdit) body: EventPayloadOf<'message:edit'>,
  ): Promise<AckSuccess<MessageEditResult>> {
    const room = this.requireJoined(socket, body.room);
    const message = await this.chat.edit(socket.data.user, room, body.id, body.content);
    return { ok: true, message };
  }

  @SubscribeMessage(ChatEvent.MessageDelete)
  async delete(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.MessageDelete) body: EventPayloadOf<'message:delete'>,
  ): Promise<AckSuccess> {
    await this.chat.delete(socket.data.user, this.requireJoined(socket, body.room), body.id);
    return { ok: true };
  }

  @SubscribeMessage(ChatEvent.ReactionAdd)
  async addReaction(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.ReactionAdd) body: EventPayloadOf<'reaction:add'>,
  ): Promise<AckSuccess<ReactionResult>> {
    const room = this.requireJoined(socket, body.room);
    const { user } = socket.data;
    return {
      ok: true,
      message: await this.chat.addReaction(user, room, body.messageId, body.emoji),
    };
  }

  @SubscribeMessage(ChatEvent.ReactionRemove)
  async removeReaction(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.ReactionRemove) body: EventPayloadOf<'reaction:remove'>,
  ): Promise<AckSuccess<ReactionResult>> {
    const room = this.requireJoined(socket, body.room);
    const { user } = socket.data;
    const message = await this.chat.removeReaction(user, room, body.messageId, body.emoji);
    return { ok: true, message };
  }

  @SubscribeMessage(ChatEvent.Typing)
  async typing(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.Typing) body: EventPayloadOf<'typing'>,
  ): Promise<AckSuccess> {
    const room = this.requireJoined(socket, body.room);
    await this.chat.countTyping(socket.data.user, room);
    const { id, username } = socket.data.user;
    socket
      .to(roomChannel(room.id))
      .except(userChannel(id))
      .emit('typing', { room: room.name, user: { id, username } });
    return { ok: true };
  }

  /** Moves the caller's read marker; the room need not be joined. */
  @SubscribeMessage(ChatEvent.RoomRead)
  async read(
    @ConnectedSocket() socket: ChatSocket,
    @EventPayload(ChatEvent.RoomRead) body: EventPayloadOf<'room:read'>,
  ): Promise<AckSuccess<RoomReadResult>> {
    const lastReadId = await this.chat.markRead(socket.data.user, body.room, body.lastReadId);
    return { ok: true, lastReadId };
  }

  /** Membership is Socket.IO's: a deleted room's sockets were removed from its channel everywhere. */
  private requireJoined(socket: ChatSocket, name: string): JoinedRoom {
    const room = joinedRoom(socket, name);
    if (!room || !socket.rooms.has(roomChannel(room.id))) {
      if (room) socket.data.joined.delete(room.id);
      throw new DomainError('forbidden', 'join the room first');
    }
    return room;
  }
}
