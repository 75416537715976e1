import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Member, MessageId, RoomRole, UserSummary } from '@chat/contract';
import { newestMessageIdOf } from '../messages/room-range';

type Queryable = Pick<EntityManager, 'query'>;

export interface MembershipRow {
  roomId: string;
  role: RoomRole;
  lastReadId: MessageId;
}

interface MemberRow {
  user_id: string;
  username: string;
  role: RoomRole;
  joined_at: Date;
}

/**
 * The newest message id of the room in `$1` (0 when it has none). Not `max(id) … WHERE room_id =
 * $1`, which PostgreSQL may answer by walking the primary key backwards through every newer
 * message of every other room (95 ms for the oldest of 50 rooms × 10,000 messages): see
 * room-range.ts.
 */
const NEWEST_MESSAGE_ID = newestMessageIdOf('$1::uuid');

/**
 * The marker move of markRead ($1 room id, $2 user id, $3 the id read up to), one statement:
 * exported so that tools/bench/my-rooms.mjs times this very statement (from the build), not a
 * copy that could drift from it.
 */
export const MARK_READ_SQL = `WITH previous AS (
     SELECT last_read_id FROM room_members WHERE room_id = $1 AND user_id = $2 FOR UPDATE
   )
   UPDATE room_members rm
      SET last_read_id = GREATEST(
            rm.last_read_id,
            LEAST($3::bigint, ${NEWEST_MESSAGE_ID}))
     FROM previous
    WHERE rm.room_id = $1 AND rm.user_id = $2
   RETURNING rm.last_read_id, previous.last_read_id AS previous`;

/**
 * The `room_members` table's owner: nothing else writes or counts it. A new member's read marker
 * starts at the room's newest message (deleted ones included), so joining never shows the whole
 * history as unread; markers move only forward and never past the newest message.
 */
@Injectable()
export class RoomMembersService {
  constructor(private readonly db: DataSource) {}

  /** Adds the membership (inside `tx` when given); false when it existed already. */
  async add(
    roomId: string,
    userId: string,
    role: RoomRole = 'member',
    tx: Queryable = this.db,
  ): Promise<boolean> {
    const rows = await tx.query<{ room_id: string }[]>(
      `INSERT INTO room_members (room_id, user_id, role, last_read_id)
       VALUES ($1, $2, $3, ${NEWEST_MESSAGE_ID})
       ON CONFLICT (room_id, user_id) DO NOTHING
       RETURNING room_id`,
      [roomId, userId, role],
    );
    return rows.length > 0;
  }

  /** Sets the member's role, inside `tx`. */
  async setRole(roomId: string, userId: string, role: RoomRole, tx: Queryable): Promise<void> {
    await tx.query('UPDATE room_members SET role = $3 WHERE room_id = $1 AND user_id = $2', [
      roomId,
      userId,
      role,
    ]);
  }

  /** The room's owner members, their rows locked until `tx` ends (a hand-over). */
  async lockOwners(roomId: string, tx: Queryable): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }[]>(
      `SELECT user_id FROM room_members WHERE room_id = $1 AND role = 'owner'
        ORDER BY user_id FOR UPDATE`,
      [roomId],
    );
    return rows.map((row) => row.user_id);
  }

  /** False when there was no such membership (inside `tx` when given). */
  async remove(roomId: string, userId: string, tx: Queryable = this.db): Promise<boolean> {
    const [rows] = await tx.query<[{ user_id: string }[], number]>(
      'DELETE FROM room_members WHERE room_id = $1 AND user_id = $2 RETURNING user_id',
      [roomId, userId],
    );
    return rows.length > 0;
  }

  /** The user's role in the room, or null when not a member. */
  async role(roomId: string, userId: string): Promise<RoomRole | null> {
    const [row] = await this.db.query<{ role: RoomRole }[]>(
      'SELECT role FROM room_members WHERE room_id = $1 AND user_id = $2',
      [roomId, userId],
    );
    return row?.role ?? null;
  }

  /** Members per room, from one grouped count; rooms without members are absent. */
  async counts(roomIds: readonly string[]): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db.query<{ room_id: string; members: number }[]>(
      `SELECT room_id, count(*)::int AS members FROM room_members
        WHERE room_id = ANY($1::uuid[]) GROUP BY room_id`,
      [roomIds],
    );
    return new Map(rows.map((row) => [row.room_id, row.members]));
  }

  /** The room's members, sorted by username case-insensitively. */
  async list(roomId: string): Promise<Member[]> {
    const rows = await this.db.query<MemberRow[]>(
      `SELECT rm.user_id, u.username, rm.role, rm.joined_at
         FROM room_members rm JOIN users u ON u.id = rm.user_id
        WHERE rm.room_id = $1
        ORDER BY lower(u.username), u.username`,
      [roomId],
    );
    return rows.map((row) => ({
      user: { id: row.user_id, username: row.username },
      role: row.role,
      joinedAt: row.joined_at.toISOString(),
    }));
  }

  /** The people of each given room (for direct rooms' `members`), sorted by username. */
  async people(roomIds: readonly string[]): Promise<Map<string, UserSummary[]>> {
    const people = new Map<string, UserSummary[]>();
    if (roomIds.length === 0) return people;
    const rows = await this.db.query<{ room_id: string; id: string; username: string }[]>(
      `SELECT rm.room_id, u.id, u.username
         FROM room_members rm JOIN users u ON u.id = rm.user_id
        WHERE rm.room_id = ANY($1::uuid[])
        ORDER BY lower(u.username), u.username`,
      [roomIds],
    );
    for (const { room_id, id, username } of rows) {
      const list = people.get(room_id);
      if (list) list.push({ id, username });
      else people.set(room_id, [{ id, username }]);
    }
    return people;
  }

  /** Every membership of the user (an index range on user_id). */
  async ofUser(userId: string): Promise<MembershipRow[]> {
    const rows = await this.db.query<{ room_id: string; role: RoomRole; last_read_id: string }[]>(
      'SELECT room_id, role, last_read_id FROM room_members WHERE user_id = $1',
      [userId],
    );
    return rows.map((row) => ({
      roomId: row.room_id,
      role: row.role,
      lastReadId: row.last_read_id,
    }));
  }

  /** The rooms the user belongs to, by id (what a new socket subscribes to). */
  async roomIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ room_id: string }[]>(
      'SELECT room_id FROM room_members WHERE user_id = $1',
      [userId],
    );
    return rows.map((row) => row.room_id);
  }

  /**
   * Moves the marker forward to `lastReadId`, clamped to the room's newest message id: the
   * larger of the stored and the given id wins, so two tabs marking out of order settle on the
   * later one. Null when the user is not a member; `moved` says whether the stored value changed.
   */
  async markRead(
    roomId: string,
    userId: string,
    lastReadId: MessageId,
  ): Promise<{ lastReadId: MessageId; moved: boolean } | null> {
    // TypeORM returns [rows, count] for UPDATE … RETURNING.
    const [[row]] = await this.db.query<[{ last_read_id: string; previous: string }[], number]>(
      MARK_READ_SQL,
      [roomId, userId, lastReadId],
    );
    if (!row) return null;
    return { lastReadId: row.last_read_id, moved: row.last_read_id !== row.previous };
  }
}
