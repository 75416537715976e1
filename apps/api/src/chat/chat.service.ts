import { Injectable } from '@nestjs/common';
import {
  MISSED_MESSAGES_MAX,
  type Message,
  type RoomJoinResult,
  type UserSummary,
} from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { RateLimits } from '../limits/rate-limits.service';
import { MessagesService } from '../messages/messages.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { MembershipsService } from '../memberships/memberships.service';
import { RoomAccess } from '../rooms/room-access.service';
import { RoomsService } from '../rooms/rooms.service';
import type { JoinedRoom } from './chat-socket';

/** The real-time use cases; the gateway only validates, calls these and moves sockets. */
@Injectable()
export class ChatService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly messages: MessagesService,
    private readonly realtime: RealtimePublisher,
    private readonly limits: RateLimits,
    private readonly access: RoomAccess,
    private readonly memberships: MembershipsService,
  ) {}

  /** JOINS_PER_MINUTE: room:join and room:leave together, per socket. */
  async countMembershipChange(socketId: string): Promise<void> {
    if (!(await this.limits.take('joins', socketId)).allowed) {
      throw new DomainError('rate_limited', 'too many joins and leaves, slow down');
    }
  }

  /** A user's typing in a room is relayed at most once per TYPING_INTERVAL_SECONDS. */
  async countTyping(user: UserSummary, room: JoinedRoom): Promise<void> {
    if (!(await this.limits.take('typing', `${user.id}:${room.id}`)).allowed) {
      throw new DomainError('rate_limited', 'typing was sent a moment ago, slow down');
    }
  }

  /**
   * The room to join: a private or direct one needs membership (`not_found` otherwise); joining
   * a public room makes the caller a member.
   */
  async findRoom(name: string, user: UserSummary): Promise<JoinedRoom> {
    const view = await this.access.find(name, user.id);
    await this.access.enterPublic(view, user.id);
    return { id: view.room.id, name: view.room.name };
  }

  async markRead(user: UserSummary, room: string, lastReadId: string): Promise<string> {
    return (await this.memberships.markRead(user, room, lastReadId)).lastReadId;
  }

  /** Marks the user online in the room and gathers what the join ack carries. */
  async join(
    socketId: string,
    user: UserSummary,
    { id, name }: JoinedRoom,
    since?: string,
  ): Promise<RoomJoinResult> {
    const changed = await this.presence.join(socketId, id, user.id);
    const [room, presence, catchUp] = await Promise.all([
      this.rooms.getByName(name),
      this.presence.list(id, name),
      since === undefined ? { missed: [], more: false } : this.catchUp(user, { id, name }, since),
    ]);
    if (changed) this.realtime.emitToRoom(id, 'presence', presence);
    return { room, presence, missed: catchUp.missed, missedMore: catchUp.more };
  }

  /**
   * What was missed, within CATCH_UP_MESSAGES_PER_MINUTE of the user's: a join over budget
   * carries fewer messages (maybe none) and says `missedMore`, and the client pages the rest
   * over REST, as it does past 500.
   */
  private async catchUp(user: UserSummary, room: JoinedRoom, since: string) {
    const allowance = await this.limits.takeUpTo('catchUp', user.id, MISSED_MESSAGES_MAX);
    const caughtUp = await this.messages.missedSince(room, since, allowance);
    const unused = allowance - caughtUp.missed.length;
    if (unused > 0) await this.limits.refund('catchUp', user.id, unused);
    return caughtUp;
  }

  async leave(socketId: string, room: JoinedRoom): Promise<void> {
    if (await this.presence.leave(socketId, room.id)) await this.announce(room);
  }

  /** A closed socket leaves every room it was in. */
  async disconnect(socketId: string, joined: Iterable<JoinedRoom>): Promise<void> {
    const names = new Map([...joined].map((room) => [room.id, room.name]));
    const changed = await this.presence.leaveAll(socketId);
    for (const roomId of changed) {
      await this.announce({ id: roomId, name: names.get(roomId) ?? (await this.nameOf(roomId)) });
    }
  }

  send(user: UserSummary, room: JoinedRoom, content: string, clientId?: string): Promise<Message> {
    return this.messages.send(user, room, content, clientId);
  }

  private async announce(room: JoinedRoom): Promise<void> {
    this.realtime.emitToRoom(room.id, 'presence', await this.presence.list(room.id, room.name));
  }

  private async nameOf(roomId: string): Promise<string> {
    return (await this.rooms.findById(roomId))?.name ?? '';
  }
}
