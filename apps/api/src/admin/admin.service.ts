import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ADMIN_PAGE_DEFAULT,
  type AdminUser,
  type AdminUserPatch,
  type AdminUsersQuery,
  type AuditEntry,
  type AuditQuery,
} from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SessionsService } from '../auth/sessions.service';
import { DomainError, notFound } from '../common/domain-error';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { toAdminUser, UsersService } from '../users/users.service';

export const NOT_ADMIN = 'only an admin can do this';
export const LAST_ADMIN = 'the last active admin cannot be demoted or deactivated';

/**
 * What admins do to accounts. Each change, its audit entries and (for a deactivation) the end of
 * every session of the account commit together; the account's sockets are cut after the commit,
 * on every instance, before the answer.
 */
@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly realtime: RealtimePublisher,
  ) {}

  listUsers({ query, after, limit }: AdminUsersQuery): Promise<AdminUser[]> {
    return this.users.listForAdmin(query, after, limit ?? ADMIN_PAGE_DEFAULT);
  }

  listAudit({ before, limit }: AuditQuery): Promise<AuditEntry[]> {
    return this.audit.list(before, limit ?? ADMIN_PAGE_DEFAULT);
  }

  async patchUser(
    caller: AuthenticatedUser,
    username: string,
    patch: AdminUserPatch,
  ): Promise<AdminUser> {
    const { user, deactivated } = await this.dataSource.transaction(async (manager) => {
      // The admins first, then the account (see lockActiveAdmins): always in that order.
      const activeAdmins = await this.users.lockActiveAdmins(manager);
      // The guard saw the caller's role as the request began; a change committed since counts.
      if (!activeAdmins.includes(caller.id)) throw new DomainError('forbidden', NOT_ADMIN);
      const user = await this.users.lockByUsername(manager, username);
      if (!user) throw notFound('user');
      const wasActiveAdmin = activeAdmins.includes(user.id);
      const role = patch.role ?? user.role;
      const deactivate = patch.deactivated ?? user.deactivatedAt !== null;
      const staysActiveAdmin = role === 'admin' && !deactivate;
      if (wasActiveAdmin && !staysActiveAdmin && activeAdmins.length === 1) {
        throw new DomainError('conflict', LAST_ADMIN);
      }
      const entry = { actorId: caller.id, targetId: user.id };
      if (role !== user.role) {
        await this.users.setRole(manager, user.id, role);
        const detail = `${user.role} → ${role}`;
        await this.audit.record(manager, { ...entry, action: 'user.role_changed', detail });
        user.role = role;
      }
      let deactivated = false;
      if (deactivate !== (user.deactivatedAt !== null)) {
        user.deactivatedAt = await this.users.setDeactivated(manager, user.id, deactivate);
        if (deactivate) await this.sessions.revokeAllOf(manager, user.id);
        const action = deactivate ? 'user.deactivated' : 'user.reactivated';
        await this.audit.record(manager, { ...entry, action });
        deactivated = deactivate;
      }
      return { user, deactivated };
    });
    if (deactivated) await this.realtime.disconnectUser(user.id);
    return toAdminUser(user);
  }
}
