import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type EntityManager } from 'typeorm';
import { usernameKey, type AdminUser, type SiteRole, type UserSummary } from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { UserEntity } from './user.entity';

/**
 * The `users` table's owner. Names are compared by `usernameKey` (ASCII folding) against the
 * unique index on `lower(username)`: every stored name is ASCII, so the two agree, while
 * PostgreSQL's `lower` is never applied to what a client typed (it folds `İ` to `i`).
 */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /**
   * `username` has passed the signup pattern (ASCII), so `lower(username)` is its key.
   *
   * The first account is the admin. Once any account exists no signup can be the first, so only
   * a signup that finds the table empty takes the lock, and asks again under it: of two first
   * signups at once, the second waits, then sees the first one's committed row.
   */
  async create(username: string, passwordHash: string): Promise<UserEntity> {
    try {
      return await this.users.manager.transaction(async (manager) => {
        let role: SiteRole = 'member';
        if (!(await anyAccount(manager))) {
          await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ACCOUNT_LOCK_KEY]);
          if (!(await anyAccount(manager))) role = 'admin';
        }
        return manager.save(manager.create(UserEntity, { username, passwordHash, role }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'username is already taken');
      throw error;
    }
  }

  /** Case-insensitive (ASCII), with the password hash (which is otherwise never selected). */
  findForLogin(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = :key', { key: usernameKey(username) })
      .getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** `{id, username}` of the account with this username (case-insensitively), if any. */
  async findByUsername(username: string): Promise<UserSummary | null> {
    const user = await this.users
      .createQueryBuilder('user')
      .select(['user.id', 'user.username'])
      .where('lower(user.username) = :key', { key: usernameKey(username) })
      .getOne();
    return user ? { id: user.id, username: user.username } : null;
  }

  /**
   * Accounts whose username starts with `prefix` (case-insensitively), sorted by username: one
   * range of `users_username_prefix_idx`, read in its order (see `USER_SEARCH_SQL`).
   */
  async search(prefix: string, limit: number): Promise<UserSummary[]> {
    const rows = await this.users.query<UserSummary[]>(USER_SEARCH_SQL, [
      prefixPattern(prefix),
      limit,
    ]);
    return rows.map(({ id, username }) => ({ id, username }));
  }

  /** `{id, username}` of an account, for checks that need no more. */
  async findSummary(id: string): Promise<UserSummary | null> {
    const user = await this.users.findOne({ select: { id: true, username: true }, where: { id } });
    return user ? { id: user.id, username: user.username } : null;
  }

  /** `{id, username}` of each of these accounts that exists, by id, in one query. */
  async summaries(ids: string[]): Promise<Map<string, UserSummary>> {
    if (ids.length === 0) return new Map();
    const users = await this.users.find({
      select: { id: true, username: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(users.map((user) => [user.id, { id: user.id, username: user.username }]));
  }

  /** `{id, username, role}` of an account that is not deactivated (every authenticated call). */
  async findActive(id: string): Promise<(UserSummary & { role: SiteRole }) | null> {
    // Plain SQL for the same reason as SessionsService.resolve, which calls it.
    const [user] = await this.users.query<(UserSummary & { role: SiteRole })[]>(
      'SELECT id, username, role FROM users WHERE id = $1 AND deactivated_at IS NULL',
      [id],
    );
    return user ? { id: user.id, username: user.username, role: user.role } : null;
  }

  /**
   * Accounts for an admin: username starting with `prefix` (case-insensitively), sorted by
   * username case-insensitively, after the username `after`.
   */
  async listForAdmin(
    prefix: string | undefined,
    after: string | undefined,
    limit: number,
  ): Promise<AdminUser[]> {
    const query = this.users
      .createQueryBuilder('user')
      .where(`${USERNAME_C} LIKE :pattern`, { pattern: prefixPattern(prefix ?? '') });
    if (after !== undefined) {
      query.andWhere(`${USERNAME_C} > :after`, { after: usernameKey(after) });
    }
    const rows = await query.orderBy(USERNAME_C).limit(limit).getMany();
    return rows.map(toAdminUser);
  }

  /**
   * The active admins' ids, their rows locked until the transaction ends, in id order (so two
   * transactions taking them cannot deadlock). Taken before any change that could leave the site
   * without an active admin: of two such changes at once, the second sees the first's outcome.
   */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL
        ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  /** The account with this username (case-insensitively), its row locked; null if none. */
  lockByUsername(manager: EntityManager, username: string): Promise<UserEntity | null> {
    return manager
      .createQueryBuilder(UserEntity, 'user')
      .where('lower(user.username) = :key', { key: usernameKey(username) })
      .setLock('pessimistic_write')
      .getOne();
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(UserEntity, { id }, { passwordHash });
  }

  async setRole(manager: EntityManager, id: string, role: SiteRole): Promise<void> {
    await manager.update(UserEntity, { id }, { role });
  }

  /** Deactivates (from now) or reactivates the account; returns when it was deactivated. */
  async setDeactivated(
    manager: EntityManager,
    id: string,
    deactivated: boolean,
  ): Promise<Date | null> {
    const at = deactivated ? new Date() : null;
    await manager.update(UserEntity, { id }, { deactivatedAt: at });
    return at;
  }
}

/**
 * A username's key in the "C" collation, the expression `users_username_prefix_idx` indexes:
 * there a `LIKE 'ab%'` is an index range (not so under the database's own collation), and its
 * order is the index's. Keys are unique (`users_username_lower_key`), so it orders completely.
 */
const USERNAME_C = 'lower(username) COLLATE "C"';

/** `GET /api/users`: $1 a `prefixPattern`, $2 the limit. */
export const USER_SEARCH_SQL = `SELECT id, username FROM users WHERE ${USERNAME_C} LIKE $1
  ORDER BY ${USERNAME_C} LIMIT $2`;

/** `LIKE` pattern of the usernames starting with `prefix`: `%`, `_` and `\\` in it are literal. */
function prefixPattern(prefix: string): string {
  return `${usernameKey(prefix).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Any fixed number: only the signups that find no account take it. */
const FIRST_ACCOUNT_LOCK_KEY = 7_246_911_002;

async function anyAccount(manager: EntityManager): Promise<boolean> {
  const rows = await manager.query<unknown[]>('SELECT 1 FROM users LIMIT 1');
  return rows.length > 0;
}

export function toAdminUser(user: UserEntity): AdminUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
  };
}
