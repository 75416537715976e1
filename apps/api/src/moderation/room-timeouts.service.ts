import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RoomTimeout } from '@chat/contract';

type Queryable = Pick<EntityManager, 'query'>;

interface TimeoutRow {
  user_id: string;
  by_id: string;
  created_at: Date;
  expires_at: Date;
}

/** A time-out in force, its people by id (the `users` table's owner names them). */
export type TimeoutEntry = Omit<RoomTimeout, 'user' | 'by'> & { userId: string; byId: string };

/**
 * The `room_timeouts` table's owner. A time-out counts while `expires_at` is later than the
 * database's clock at the moment of the check: one that has run out stops applying by itself.
 * The one other reader is the send's INSERT (`messages/message-writer.ts`), which probes this
 * table in the same statement so that a send costs no extra round trip for it.
 */
@Injectable()
export class RoomTimeoutsService {
  constructor(private readonly db: DataSource) {}

  /** When the user's time-out in the room ends; null when none is in force. */
  async until(roomId: string, userId: string, tx: Queryable = this.db): Promise<Date | null> {
    const [row] = await tx.query<{ expires_at: Date }[]>(
      `SELECT expires_at FROM room_timeouts
        WHERE room_id = $1 AND user_id = $2 AND expires_at > now()`,
      [roomId, userId],
    );
    return row?.expires_at ?? null;
  }

  /** The user's time-outs in force, by room id. */
  async ofUser(userId: string): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ room_id: string; expires_at: Date }[]>(
      'SELECT room_id, expires_at FROM room_timeouts WHERE user_id = $1 AND expires_at > now()',
      [userId],
    );
    return new Map(rows.map((row) => [row.room_id, row.expires_at]));
  }

  /** Places (or replaces) the time-out inside `tx`; answers when it ends. */
  async put(
    tx: Queryable,
    timeout: { roomId: string; userId: string; byId: string; minutes: number },
  ): Promise<Date> {
    const [row] = await tx.query<{ expires_at: Date }[]>(
      `INSERT INTO room_timeouts (room_id, user_id, by_id, created_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + make_interval(mins => $4::int))
       ON CONFLICT (room_id, user_id) DO UPDATE
         SET by_id = EXCLUDED.by_id, created_at = EXCLUDED.created_at,
             expires_at = EXCLUDED.expires_at
       RETURNING expires_at`,
      [timeout.roomId, timeout.userId, timeout.byId, timeout.minutes],
    );
    if (!row) throw new Error('the time-out was not stored');
    return row.expires_at;
  }

  /** Lifts the time-out inside `tx`; false when none was in force. */
  async remove(tx: Queryable, roomId: string, userId: string): Promise<boolean> {
    const rows = await tx.query<{ active: boolean }[]>(
      `WITH gone AS (
         DELETE FROM room_timeouts WHERE room_id = $1 AND user_id = $2
         RETURNING expires_at > now() AS active
       ) SELECT active FROM gone`,
      [roomId, userId],
    );
    return rows.some((row) => row.active);
  }

  /** The time-outs in force, soonest to end first. */
  async list(roomId: string): Promise<TimeoutEntry[]> {
    const rows = await this.db.query<TimeoutRow[]>(
      `SELECT user_id, by_id, created_at, expires_at
         FROM room_timeouts
        WHERE room_id = $1 AND expires_at > now()
        ORDER BY expires_at, user_id`,
      [roomId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      byId: row.by_id,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
    }));
  }
}
