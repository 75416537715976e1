import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Ban, BanRequest, RoomTimeout, TimeoutRequest, UserSummary } from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/domain-error';
import { MembershipsService } from '../memberships/memberships.service';
import { RoomMembersService } from '../memberships/room-members.service';
import { RoomAccess } from '../rooms/room-access.service';
import { UsersService } from '../users/users.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomBansService } from './room-bans.service';
import { RoomTimeoutsService } from './room-timeouts.service';

/**
 * Bans: placed on anyone (member or not) by those the permissions module lets ban them; the ban,
 * the end of the membership and the audit entry commit together, then the person's sockets leave
 * the room on every instance before the answer.
 *
 * Time-outs: placed on a member; the time-out and its audit entry commit together, then the
 * person's sockets hear `room:timeout` (`until`, or null when lifted).
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: DataSource,
    private readonly access: RoomAccess,
    private readonly users: UsersService,
    private readonly bans: RoomBansService,
    private readonly members: RoomMembersService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly timeouts: RoomTimeoutsService,
    private readonly realtime: RealtimePublisher,
  ) {}

  async ban(caller: UserSummary, name: string, username: string, request: BanRequest) {
    const view = await this.access.require(name, caller.id, 'member.ban');
    const target = await this.users.findByUsername(username);
    if (!target) throw notFound('user');
    this.access.check(
      view,
      'member.ban',
      await this.access.targetIn(view.room.id, target.id, caller.id),
    );
    const { room } = view;
    const reason = request.reason?.trim() || null;
    await this.memberships.takeOut(room, target.id, async () => {
      await this.db.transaction(async (tx) => {
        // First: an admission in flight commits its membership before the removal below reads.
        await this.bans.lockPerson(tx, room.id, target.id);
        const ban = { roomId: room.id, userId: target.id, byId: caller.id, reason };
        await this.bans.put(tx, { ...ban, minutes: request.minutes });
        await this.members.remove(room.id, target.id, tx);
        const detail =
          [reason, request.minutes ? `${request.minutes} minutes` : 'no end']
            .filter(Boolean)
            .join('; ') || null;
        await this.audit.record(tx, {
          actorId: caller.id,
          action: 'member.banned',
          room,
          targetId: target.id,
          detail,
        });
      });
    });
  }

  /** Lifts a ban, whoever it is on; only a ban in force leaves an audit entry. */
  async unban(caller: UserSummary, name: string, username: string): Promise<void> {
    const { room } = await this.access.require(name, caller.id, 'member.ban');
    const target = await this.users.findByUsername(username);
    if (!target) throw notFound('user');
    await this.db.transaction(async (tx) => {
      if (!(await this.bans.remove(tx, room.id, target.id))) return;
      await this.audit.record(tx, {
        actorId: caller.id,
        action: 'member.unbanned',
        room,
        targetId: target.id,
      });
    });
  }

  async list(caller: UserSummary, name: string): Promise<Ban[]> {
    const { room } = await this.access.require(name, caller.id, 'member.ban');
    return this.withPeople(await this.bans.list(room.id));
  }

  /** Times a member out for `minutes` (replacing a time-out in force). */
  async timeOut(
    caller: UserSummary,
    name: string,
    username: string,
    { minutes }: TimeoutRequest,
  ): Promise<void> {
    const { view, target } = await this.memberToTimeOut(caller, name, username);
    const { room } = view;
    const until = await this.db.transaction(async (tx) => {
      const ends = await this.timeouts.put(tx, {
        roomId: room.id,
        userId: target.id,
        byId: caller.id,
        minutes,
      });
      await this.audit.record(tx, {
        actorId: caller.id,
        action: 'member.timed_out',
        room,
        targetId: target.id,
        detail: `${minutes} minutes`,
      });
      return ends;
    });
    this.realtime.emitToUser(target.id, 'room:timeout', {
      room: room.name,
      until: until.toISOString(),
    });
  }

  /** Lifts a member's time-out; only one in force leaves an audit entry and tells them. */
  async liftTimeout(caller: UserSummary, name: string, username: string): Promise<void> {
    const { view, target } = await this.memberToTimeOut(caller, name, username);
    const { room } = view;
    const lifted = await this.db.transaction(async (tx) => {
      if (!(await this.timeouts.remove(tx, room.id, target.id))) return false;
      await this.audit.record(tx, {
        actorId: caller.id,
        action: 'member.timeout_lifted',
        room,
        targetId: target.id,
      });
      return true;
    });
    if (lifted)
      this.realtime.emitToUser(target.id, 'room:timeout', { room: room.name, until: null });
  }

  async listTimeouts(caller: UserSummary, name: string): Promise<RoomTimeout[]> {
    const { room } = await this.access.require(name, caller.id, 'member.timeout');
    return this.withPeople(await this.timeouts.list(room.id));
  }

  /**
   * Entries with their person and who placed them named, in the entries' order. One whose
   * account is not there is left out, as an inner join of `users` would have left it.
   */
  private async withPeople<E extends { userId: string; byId: string }>(
    entries: E[],
  ): Promise<(Omit<E, 'userId' | 'byId'> & { user: UserSummary; by: UserSummary })[]> {
    const people = await this.users.summaries(entries.flatMap((e) => [e.userId, e.byId]));
    return entries.flatMap(({ userId, byId, ...rest }) => {
      const [user, by] = [people.get(userId), people.get(byId)];
      return user && by ? [{ user, by, ...rest }] : [];
    });
  }

  /** The room (the caller may time people out there) and the target, a member (404 otherwise). */
  private async memberToTimeOut(caller: UserSummary, name: string, username: string) {
    const view = await this.access.require(name, caller.id, 'member.timeout');
    const target = await this.users.findByUsername(username);
    const targetActor = target && (await this.access.targetIn(view.room.id, target.id, caller.id));
    if (!target || !targetActor?.roomRole) throw notFound('member');
    this.access.check(view, 'member.timeout', targetActor);
    return { view, target };
  }
}
