import { Injectable } from '@nestjs/common';
import {
  CHANGED_MESSAGES_MAX,
  MISSED_MESSAGES_MAX,
  type Message,
  type RoomKind,
  type RoomJoinResult,
  type UserSummary,
} from '@chat/contract';
import { DomainError, notFound } from '../common/domain-error';
import { RateLimits } from '../limits/rate-limits.service';
import { MessageChanges } from '../messages/message-changes.service';
import { MessagesService, type SendOptions } from '../messages/messages.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { MembershipsService } from '../memberships/memberships.service';
import { RoomMembersService } from '../memberships/room-members.service';
import { RoomTimeoutsService } from '../moderation/room-timeouts.service';
import { RoomAccess } from '../rooms/room-access.service';
import { RoomsService } from '../rooms/rooms.service';
import type { JoinedRoom } from './chat-socket';

type CatchUp = Pick<RoomJoinResult, 'missed' | 'missedMore' | 'changed' | 'changedMore'>;
export interface RoomToJoin {
  room: JoinedRoom;
  kind: RoomKind;
  byMembership: boolean;
}

const NOTHING_MISSED: CatchUp = { missed: [], missedMore: false, changed: [], changedMore: false };

/** The real-time use cases; the gateway only validates, calls these and moves sockets. */
@Injectable()
export class ChatService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly messages: MessagesService,
    private readonly changes: MessageChanges,
    private readonly realtime: RealtimePublisher,
    private readonly limits: RateLimits,
    private readonly access: RoomAccess,
    private readonly memberships: MembershipsService,
    private readonly timeouts: RoomTimeoutsService,
    private readonly members: RoomMembersService,
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
   * a public room makes the caller a member. `byMembership`: a membership is what lets the
   * caller in (everyone but an admin in a private room they are no member of).
   */
  async findRoom(name: string, user: UserSummary): Promise<RoomToJoin> {
    const view = await this.access.find(name, user.id);
    const actor = await this.access.enterPublic(view, user.id);
    return {
      room: { id: view.room.id, name: view.room.name },
      kind: view.room.kind,
      byMembership: actor.roomRole !== null,
    };
  }

  /**
   * Asked once the socket has subscribed to the room: the membership that let it in is still
   * there. A removal or ban committing between `findRoom` and the subscription took the user's
   * sockets out of the room before this one was in; this one must not stay (`forbidden`, or
   * `not_found` for a room the user no longer sees). After this check a removal can only come
   * later, and then it takes this socket out too.
   */
  async confirmMembership({ room, kind, byMembership }: RoomToJoin, user: UserSummary) {
    if (!byMembership || (await this.members.role(room.id, user.id)) !== null) return;
    if (kind === 'public') {
      throw new DomainError('forbidden', 'you were removed from this room meanwhile');
    }
    throw notFound('room');
  }

  async markRead(user: UserSummary, room: string, lastReadId: string): Promise<string> {
    return (await this.memberships.markRead(user, room, lastReadId)).lastReadId;
  }

  /**
   * Marks the user online in the room and gathers what the join ack carries, with when the
   * user's time-out there ends (null: none).
   */
  async join(
    socketId: string,
    user: UserSummary,
    { id, name }: JoinedRoom,
    since?: string,
  ): Promise<RoomJoinResult> {
    const changed = await this.presence.join(socketId, id, user.id);
    const [room, presence, catchUp, timedOutUntil] = await Promise.all([
      this.rooms.getByName(name),
      this.presence.list(id, name),
      since === undefined ? NOTHING_MISSED : this.catchUp(user, { id, name }, since),
      this.timeouts.until(id, user.id),
    ]);
    if (changed) this.realtime.emitToRoom(id, 'presence', presence);
    return { room, presence, ...catchUp, timedOutUntil: timedOutUntil?.toISOString() ?? null };
  }

  /**
   * What was created and changed after the cursor, within CATCH_UP_MESSAGES_PER_MINUTE of the
   * user's (missed and changed messages alike): a join over budget carries fewer messages (maybe
   * none) and says `missedMore` / `changedMore`, and the client pages the rest over REST
   * (`…/changes`), as it does past 500.
   */
  private async catchUp(user: UserSummary, room: JoinedRoom, since: string): Promise<CatchUp> {
    const allowance = await this.limits.takeUpTo(
      'catchUp',
      user.id,
      MISSED_MESSAGES_MAX + CHANGED_MESSAGES_MAX,
    );
    const missed = await this.messages.missedSince(
      room,
      since,
      Math.min(allowance, MISSED_MESSAGES_MAX),
    );
    const changed = await this.messages.changedSince(
      room,
      since,
      Math.min(allowance - missed.missed.length, CHANGED_MESSAGES_MAX),
    );
    const unused = allowance - missed.missed.length - changed.changed.length;
    if (unused > 0) await this.limits.refund('catchUp', user.id, unused);
    return {
      missed: missed.missed,
      missedMore: missed.more,
      changed: changed.changed,
      changedMore: changed.more,
    };
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

  send(
    user: UserSummary,
    room: JoinedRoom,
    content: string,
    options: SendOptions = {},
  ): Promise<Message> {
    return this.messages.send(user, room, content, options);
  }

  edit(user: UserSummary, room: JoinedRoom, id: string, content: string): Promise<Message> {
    return this.changes.edit(user, room, id, content);
  }

  async delete(user: UserSummary, room: JoinedRoom, id: string): Promise<void> {
    await this.changes.delete(user, room, id);
  }

  addReaction(user: UserSummary, room: JoinedRoom, id: string, emoji: string): Promise<Message> {
    return this.changes.addReaction(user, room, id, emoji);
  }

  removeReaction(user: UserSummary, room: JoinedRoom, id: string, emoji: string): Promise<Message> {
    return this.changes.removeReaction(user, room, id, emoji);
  }

  private async announce(room: JoinedRoom): Promise<void> {
    this.realtime.emitToRoom(room.id, 'presence', await this.presence.list(room.id, room.name));
  }

  private async nameOf(roomId: string): Promise<string> {
    return (await this.rooms.findById(roomId))?.name ?? '';
  }
}
