import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  MarkReadResponse,
  Member,
  Membership,
  Room,
  RoomRole,
  UserSummary,
} from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import { RoomBansService } from '../moderation/room-bans.service';
import { RoomTimeoutsService } from '../moderation/room-timeouts.service';
import { DomainError, notFound } from '../common/domain-error';
import { MessagesService } from '../messages/messages.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomAccess } from '../rooms/room-access.service';
import type { RoomEntity } from '../rooms/room.entity';
import { RoomsService } from '../rooms/rooms.service';
import { UsersService } from '../users/users.service';
import { MentionsService } from './mentions.service';
import { RoomMembersService } from './room-members.service';

/**
 * The membership use cases: who is in a room, adding and removing people, direct rooms, read
 * markers and the caller's own rooms. The table itself is RoomMembersService's; who may do what
 * is the permissions module's, asked through RoomAccess.
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly access: RoomAccess,
    private readonly members: RoomMembersService,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimePublisher,
    private readonly mentions: MentionsService,
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly bans: RoomBansService,
    private readonly timeouts: RoomTimeoutsService,
  ) {}

  /** Newest `lastMessageAt` first; rooms without messages last, by name. */
  async mine(user: UserSummary): Promise<Membership[]> {
    // The time-outs need no marker: asked beside the memberships, one round trip earlier.
    const [rows, timedOut] = await Promise.all([
      this.members.ofUser(user.id),
      this.timeouts.ofUser(user.id),
    ]);
    const [rooms, activity, mentions] = await Promise.all([
      this.rooms.byIds(rows.map((row) => row.roomId)),
      this.messages.activitySince(user.id, rows),
      this.mentions.unreadCounts(user.id, rows),
    ]);
    const byId = new Map(rooms.map((room) => [room.id, room]));
    const list: Membership[] = [];
    for (const row of rows) {
      const room = byId.get(row.roomId);
      if (!room) continue; // deleted meanwhile
      const seen = activity.get(row.roomId);
      const unreadCount = seen?.unreadCount ?? 0;
      list.push({
        room,
        role: row.role,
        lastReadId: row.lastReadId,
        lastMessageId: seen?.lastMessageId ?? null,
        lastMessageAt: seen?.lastMessageAt ?? null,
        unread: unreadCount > 0,
        unreadCount,
        mentionCount: mentions.get(row.roomId) ?? 0,
        timedOutUntil: timedOut.get(row.roomId)?.toISOString() ?? null,
      });
    }
    return list.sort(byActivityThenName);
  }

  /** The marker after the move; `read` goes to the user's sockets when it moved. */
  async markRead(user: UserSummary, name: string, lastReadId: string): Promise<MarkReadResponse> {
    const { room } = await this.access.find(name, user.id);
    const marker = await this.members.markRead(room.id, user.id, lastReadId);
    if (!marker) throw notFound('membership');
    if (marker.moved) {
      this.realtime.emitToUser(user.id, 'read', { room: room.name, lastReadId: marker.lastReadId });
    }
    return { room: room.name, lastReadId: marker.lastReadId };
  }

  async list(user: UserSummary, name: string): Promise<Member[]> {
    const { room } = await this.access.find(name, user.id);
    return this.members.list(room.id);
  }

  /** The owner (moderators) adds someone; their sockets get `room:added`. */
  async add(user: UserSummary, name: string, username: string): Promise<Member> {
    const view = await this.access.require(name, user.id, 'member.add');
    const target = await this.users.findByUsername(username);
    if (!target) throw notFound('user');
    const added = await this.bans.unlessBanned(
      view.room.id,
      target.id,
      `${target.username} is banned from this room`,
      (tx) => this.members.add(view.room.id, target.id, 'member', tx),
    );
    if (!added) {
      throw new DomainError('conflict', `${target.username} is already a member`);
    }
    await this.announceAdded(view.room.id, [target.id]);
    const member = (await this.members.list(view.room.id)).find((m) => m.user.id === target.id);
    if (!member) throw notFound('member');
    return member;
  }

  /** The owner (moderators, not on their peers) removes a member. */
  async remove(user: UserSummary, name: string, username: string): Promise<void> {
    const view = await this.access.require(name, user.id, 'member.remove');
    const target = await this.users.findByUsername(username);
    const targetActor = target && (await this.access.targetIn(view.room.id, target.id, user.id));
    if (!target || !targetActor?.roomRole) throw notFound('member');
    this.access.check(view, 'member.remove', targetActor);
    const { room } = view;
    await this.takeOut(room, target.id, async () => {
      await this.db.transaction(async (tx) => {
        await this.members.remove(room.id, target.id, tx);
        await this.audit.record(tx, {
          actorId: user.id,
          action: 'member.removed',
          room,
          targetId: target.id,
        });
      });
    });
  }

  /**
   * The owner (and admins) make or unmake moderators, or hand the room over (`owner`): the old
   * owner becomes a moderator and `Room.owner` the new one. The change and its audit entry commit
   * together; then each person whose role changed hears `room:role` on every socket. The owner's
   * own role changes only by a hand-over.
   */
  async setRole(
    user: UserSummary,
    name: string,
    username: string,
    role: RoomRole,
  ): Promise<Member> {
    const action = role === 'owner' ? 'room.hand_over' : 'member.set_role';
    const view = await this.access.require(name, user.id, action);
    const target = await this.users.findByUsername(username);
    const targetRole = target && (await this.members.role(view.room.id, target.id));
    if (!target || !targetRole) throw notFound('member');
    if (targetRole === role) return this.memberOf(view.room.id, target.id);
    if (targetRole === 'owner') {
      throw new DomainError('forbidden', 'the owner’s role changes only by handing the room over');
    }
    const { room } = view;
    const changed = new Map<string, RoomRole>([[target.id, role]]);
    await this.db.transaction(async (tx) => {
      if (role === 'owner') {
        for (const owner of await this.members.lockOwners(room.id, tx)) {
          await this.members.setRole(room.id, owner, 'moderator', tx);
          changed.set(owner, 'moderator');
        }
        await this.rooms.setOwner(room.id, target.id, tx);
      }
      await this.members.setRole(room.id, target.id, role, tx);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'member.role_changed',
        room,
        targetId: target.id,
        detail: `${targetRole} → ${role}`,
      });
    });
    for (const [userId, now] of changed) {
      this.realtime.emitToUser(userId, 'room:role', { room: room.name, role: now });
    }
    return this.memberOf(room.id, target.id);
  }

  private async memberOf(roomId: string, userId: string): Promise<Member> {
    const member = (await this.members.list(roomId)).find((m) => m.user.id === userId);
    if (!member) throw notFound('member');
    return member;
  }

  /** A member leaves; the owner cannot (hand the room over first), nor anyone a direct room. */
  async leave(user: UserSummary, name: string): Promise<void> {
    const { room, actor } = await this.access.find(name, user.id);
    if (actor.roomRole === null) throw notFound('membership');
    if (room.kind === 'direct') throw new DomainError('forbidden', 'nobody leaves a direct room');
    if (actor.roomRole === 'owner') {
      throw new DomainError('forbidden', 'the owner cannot leave the room');
    }
    await this.takeOut(room, user.id);
  }

  /** The pair's direct room, started now (`created`) or as it was. */
  async openDirect(user: UserSummary, username: string): Promise<{ room: Room; created: boolean }> {
    const other = await this.users.findByUsername(username);
    if (!other) throw notFound('user');
    if (other.id === user.id) throw new DomainError('invalid', 'a direct room needs someone else');
    const opened = await this.rooms.openDirect(user, other);
    if (opened.created) await this.announceAdded(opened.room.id, [user.id, other.id], opened.room);
    return opened;
  }

  /**
   * Ends a membership: the row goes (with its audit entry, for a removal), then the person's sockets leave the room on every instance
   * (awaited), their presence there ends, and they hear `room:removed`.
   */
  async takeOut(
    room: Pick<RoomEntity, 'id' | 'name'>,
    userId: string,
    removeRow = async () => void (await this.members.remove(room.id, userId)),
  ): Promise<void> {
    await removeRow();
    await this.realtime.removeMember(userId, room.id);
    if (await this.presence.removeUser(room.id, userId)) {
      this.realtime.emitToRoom(room.id, 'presence', await this.presence.list(room.id, room.name));
    }
    this.realtime.emitToUser(userId, 'room:removed', { room: room.name });
  }

  private async announceAdded(roomId: string, userIds: string[], known?: Room): Promise<void> {
    const room = known ?? (await this.rooms.getById(roomId));
    for (const userId of userIds) {
      this.realtime.subscribeMember(userId, roomId);
      this.realtime.emitToUser(userId, 'room:added', { room });
    }
  }
}

function byActivityThenName(a: Membership, b: Membership): number {
  if (a.lastMessageAt !== b.lastMessageAt) {
    if (a.lastMessageAt === null) return 1;
    if (b.lastMessageAt === null) return -1;
    return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  }
  const [x, y] = [a.room.name.toLowerCase(), b.room.name.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}
