import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Ban } from '@chat/contract';
import { DomainError } from '../common/domain-error';

type Queryable = Pick<EntityManager, 'query'>;

interface BanRow {
  user_id: string;
  by_id: string;
  reason: string | null;
  created_at: Date;
  expires_at: Date | null;
}

/** A ban in force, its people by id (the `users` table's owner names them). */
export type BanEntry = Omit<Ban, 'user' | 'by'> & { userId: string; byId: string };

/**
 * The `room_bans` table's owner. A ban counts while `expires_at` is null or later than the
 * database's clock at the moment of the check: an expired ban stops applying by itself.
 *
 * A ban and an admission of the same person to the same room never cross: both take that
 * person's lock in the room first (`lockPerson`), and each then reads in a statement of its own,
 * which under READ COMMITTED sees whatever the other committed while it waited. So an admission
 * either sees the ban and refuses, or commits its membership before the ban's transaction reads
 * it — and the ban removes it.
 */
@Injectable()
export class RoomBansService {
  constructor(private readonly db: DataSource) {}

  async isBanned(roomId: string, userId: string, tx: Queryable = this.db): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM room_bans WHERE room_id = $1 AND user_id = $2
          AND (expires_at IS NULL OR expires_at > now())`,
      [roomId, userId],
    );
    return rows.length > 0;
  }

  /** The person's lock in the room until `tx` ends; taken first by a ban and by an admission. */
  async lockPerson(tx: Queryable, roomId: string, userId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 3))', [
      `${roomId}:${userId}`,
    ]);
  }

  /**
   * Runs `admit` (which adds the membership, inside `tx`) under the person's lock, once no ban
   * in force was found after taking it; `forbidden` with `refusal` otherwise.
   */
  unlessBanned<T>(
    roomId: string,
    userId: string,
    refusal: string,
    admit: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      await this.lockPerson(tx, roomId, userId);
      if (await this.isBanned(roomId, userId, tx)) throw new DomainError('forbidden', refusal);
      return admit(tx);
    });
  }

  /** Places (or replaces) the ban, inside `tx`. */
  async put(
    tx: Queryable,
    ban: { roomId: string; userId: string; byId: string; reason: string | null; minutes?: number },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO room_bans (room_id, user_id, by_id, reason, created_at, expires_at)
       VALUES ($1, $2, $3, $4, now(),
               CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(mins => $5::int) END)
       ON CONFLICT (room_id, user_id) DO UPDATE
         SET by_id = EXCLUDED.by_id, reason = EXCLUDED.reason,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
      [ban.roomId, ban.userId, ban.byId, ban.reason, ban.minutes ?? null],
    );
  }

  /** Lifts the ban inside `tx`; false when none was in force. */
  async remove(tx: Queryable, roomId: string, userId: string): Promise<boolean> {
    const rows = await tx.query<{ active: boolean }[]>(
      `WITH gone AS (
         DELETE FROM room_bans WHERE room_id = $1 AND user_id = $2
         RETURNING expires_at IS NULL OR expires_at > now() AS active
       ) SELECT active FROM gone`,
      [roomId, userId],
    );
    return rows.some((row) => row.active);
  }

  /** The bans in force, newest first. */
  async list(roomId: string): Promise<BanEntry[]> {
    const rows = await this.db.query<BanRow[]>(
      `SELECT user_id, by_id, reason, created_at, expires_at
         FROM room_bans
        WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY created_at DESC, user_id`,
      [roomId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      byId: row.by_id,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
    }));
  }
}
