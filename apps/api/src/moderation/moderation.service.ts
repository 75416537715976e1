import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Ban, BanRequest, UserSummary } from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/domain-error';
import { MembershipsService } from '../memberships/memberships.service';
import { RoomMembersService } from '../memberships/room-members.service';
import { RoomAccess } from '../rooms/room-access.service';
import { UsersService } from '../users/users.service';
import { RoomBansService } from './room-bans.service';

/**
 * Bans: placed on anyone (member or not) by those the permissions module lets ban them; the ban,
 * the end of the membership and the audit entry commit together, then the person's sockets leave
 * the room on every instance before the answer.
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
    return this.bans.list(room.id);
  }
}
