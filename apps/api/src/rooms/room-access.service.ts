import { Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../common/domain-error';
import { RoomMembersService } from '../memberships/room-members.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomBansService } from '../moderation/room-bans.service';
import { UsersService } from '../users/users.service';
import {
  maySeeRoom,
  mayInRoom,
  type RoomAction,
  type RoomActor,
  type RoomTarget,
} from '../permissions/room-policy';
import type { RoomEntity } from './room.entity';
import { RoomsService } from './rooms.service';

const REFUSALS: Record<RoomAction, string> = {
  'message.delete_any': 'only the author, the owner or a moderator can delete this message',
  'member.add': 'only the owner or a moderator can add members here',
  'member.remove': 'only the owner or a moderator can remove this member',
  'member.ban': 'only the owner or a moderator can ban this person',
  'member.timeout': 'only the owner or a moderator can time this member out',
  'member.set_role': 'only the owner can change roles',
  'room.hand_over': 'only the owner can hand the room over',
  'room.delete': 'only the owner can delete a room; nobody deletes a direct room',
};

/** A room as one caller may see it: the row and the caller's standing in it. */
export interface RoomInView {
  room: RoomEntity;
  actor: RoomActor;
}

/**
 * The one door to a room by name for a caller: a room they may not see does not exist for them
 * (`not_found`, never `forbidden`). What they may do there is the permissions module's answer;
 * their room role comes from their membership, their site role from their account.
 */
@Injectable()
export class RoomAccess {
  constructor(
    private readonly rooms: RoomsService,
    private readonly members: RoomMembersService,
    private readonly realtime: RealtimePublisher,
    private readonly users: UsersService,
    private readonly bans: RoomBansService,
  ) {}

  async find(name: string, userId: string): Promise<RoomInView> {
    const room = await this.rooms.findEntity(name);
    const actor = await this.actorIn(room.id, userId);
    if (!maySeeRoom(actor, room.kind)) throw notFound('room');
    return { room, actor };
  }

  /** As `find`, then `forbidden` unless the caller may do `action` (to `target`). */
  async require(
    name: string,
    userId: string,
    action: RoomAction,
    target?: RoomTarget,
  ): Promise<RoomInView> {
    const view = await this.find(name, userId);
    this.check(view, action, target);
    return view;
  }

  check({ room, actor }: RoomInView, action: RoomAction, target?: RoomTarget): void {
    if (!mayInRoom(actor, room.kind, action, target)) {
      throw new DomainError('forbidden', REFUSALS[action]);
    }
  }

  /**
   * Makes the caller a member of a public room they are not in yet (by joining it, or by a REST
   * send or reaction there): their sockets start hearing its activity and get `room:added`.
   * Returns the caller's actor afterwards. Anything but a public room is left as it is.
   */
  async enterPublic(view: RoomInView, userId: string): Promise<RoomActor> {
    if (view.actor.roomRole !== null || view.room.kind !== 'public') return view.actor;
    // Only someone who is no member can be banned (a ban ends the membership): members pay
    // nothing. The check and the insert hold the person's lock, so a ban cannot slip between them.
    const added = await this.bans.unlessBanned(
      view.room.id,
      userId,
      'you are banned from this room',
      (tx) => this.members.add(view.room.id, userId, 'member', tx),
    );
    if (added) {
      this.realtime.subscribeMember(userId, view.room.id);
      this.realtime.emitToUser(userId, 'room:added', {
        room: await this.rooms.getById(view.room.id),
      });
    }
    return { ...view.actor, roomRole: 'member' };
  }

  /** Whether the user may do `action` in the room (by id), as the permissions module says. */
  async allows(roomId: string, userId: string, action: RoomAction): Promise<boolean> {
    const room = await this.rooms.findById(roomId);
    if (!room) throw notFound('room');
    return mayInRoom(await this.actorIn(roomId, userId), room.kind, action);
  }

  /** The person an action of `actorId`'s is done to, as the room sees them. */
  async targetIn(roomId: string, targetId: string, actorId: string): Promise<RoomTarget> {
    return { ...(await this.actorIn(roomId, targetId)), isActor: targetId === actorId };
  }

  /**
   * The user's site role as stored now (an admin made or unmade a moment ago counts at once; a
   * deactivated account is nobody's admin) and their membership's role.
   */
  async actorIn(roomId: string, userId: string): Promise<RoomActor> {
    const [account, roomRole] = await Promise.all([
      this.users.findActive(userId),
      this.members.role(roomId, userId),
    ]);
    return { siteRole: account?.role ?? 'member', roomRole };
  }
}
