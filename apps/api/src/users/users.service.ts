import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { usernameKey, type UserSummary } from '@chat/contract';
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

  /** `username` has passed the signup pattern (ASCII), so `lower(username)` is its key. */
  async create(username: string, passwordHash: string): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create({ username, passwordHash }));
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
   * Accounts whose username starts with `prefix` (case-insensitively), sorted by username.
   * `%`, `_` and `\` in the prefix are literal. (A LIKE under the database's collation: it scans;
   * a `text_pattern_ops` index would make it a range when there are many accounts.)
   */
  async search(prefix: string, limit: number): Promise<UserSummary[]> {
    const pattern = `${usernameKey(prefix).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.users.query<UserSummary[]>(
      `SELECT id, username FROM users WHERE lower(username) LIKE $1
        ORDER BY lower(username), username LIMIT $2`,
      [pattern, limit],
    );
    return rows.map(({ id, username }) => ({ id, username }));
  }

  /** `{id, username}` of an account, for checks that need no more (every authenticated call). */
  async findSummary(id: string): Promise<UserSummary | null> {
    const user = await this.users.findOne({ select: { id: true, username: true }, where: { id } });
    return user ? { id: user.id, username: user.username } : null;
  }
}
