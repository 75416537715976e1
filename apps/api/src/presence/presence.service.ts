import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Presence, UserSummary } from '@chat/contract';
import { InstanceIdentity } from './instance-identity';

/**
 * Who is online where, kept in PostgreSQL so every instance sees one list. A row is one socket in
 * one room; a user is online while any of their rows exists. Changes to a room's rows are
 * serialised by a transaction-scoped advisory lock on the room, so "did the set of users change?"
 * has one answer even when two tabs join at once on two instances.
 */
@Injectable()
export class PresenceService {
  constructor(
    private readonly db: DataSource,
    private readonly instance: InstanceIdentity,
  ) {}

  /** Records the socket in the room; true when the user was not online there before. */
  join(socketId: string, roomId: string, userId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await lockRoom(tx, roomId);
      const wasOnline = await isOnline(tx, roomId, userId);
      await tx.query(
        `INSERT INTO presence (socket_id, room_id, user_id, instance_id, joined_at)
         VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING`,
        [socketId, roomId, userId, this.instance.id],
      );
      return !wasOnline;
    });
  }

  /** Removes the socket from the room; true when that was the user's last socket there. */
  leave(socketId: string, roomId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await lockRoom(tx, roomId);
      // TypeORM returns [rows, count] for DELETE … RETURNING.
      const [[row]] = await tx.query<[{ user_id: string }[], number]>(
        'DELETE FROM presence WHERE socket_id = $1 AND room_id = $2 RETURNING user_id',
        [socketId, roomId],
      );
      return row !== undefined && !(await isOnline(tx, roomId, row.user_id));
    });
  }

  /** Takes the user out of the room's online list (every socket); true when they were in it. */
  removeUser(roomId: string, userId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await lockRoom(tx, roomId);
      const [rows] = await tx.query<[{ user_id: string }[], number]>(
        'DELETE FROM presence WHERE room_id = $1 AND user_id = $2 RETURNING user_id',
        [roomId, userId],
      );
      return rows.length > 0;
    });
  }

  /** Removes every row of a closed socket; returns the rooms whose set of users changed. */
  async leaveAll(socketId: string): Promise<string[]> {
    const rows = await this.db.query<{ room_id: string }[]>(
      'SELECT room_id FROM presence WHERE socket_id = $1',
      [socketId],
    );
    const changed: string[] = [];
    for (const { room_id } of rows) {
      if (await this.leave(socketId, room_id)) changed.push(room_id);
    }
    return changed;
  }

  /**
   * Distinct users online per room, from one grouped count: for the given rooms, or without
   * `roomIds` for every room anyone is in. Rooms nobody is in are absent (count them as 0).
   */
  async onlineCounts(roomIds?: readonly string[]): Promise<Map<string, number>> {
    if (roomIds?.length === 0) return new Map();
    const rows = await this.db.query<{ room_id: string; online: number }[]>(
      `SELECT room_id, count(DISTINCT user_id)::int AS online FROM presence
        ${roomIds ? 'WHERE room_id = ANY($1::uuid[])' : ''}
        GROUP BY room_id`,
      roomIds ? [roomIds] : [],
    );
    return new Map(rows.map((row) => [row.room_id, row.online]));
  }

  async list(roomId: string, roomName: string): Promise<Presence> {
    const online = await this.db.query<UserSummary[]>(
      `SELECT DISTINCT u.id, u.username, lower(u.username) AS sort_key
         FROM presence p JOIN users u ON u.id = p.user_id
        WHERE p.room_id = $1
        ORDER BY sort_key, u.username`,
      [roomId],
    );
    const users = online.map(({ id, username }) => ({ id, username }));
    return { room: roomName, online: users, count: users.length };
  }
}

async function lockRoom(tx: EntityManager, roomId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [roomId]);
}

async function isOnline(tx: EntityManager, roomId: string, userId: string): Promise<boolean> {
  const [row] = await tx.query<{ online: boolean }[]>(
    'SELECT EXISTS (SELECT 1 FROM presence WHERE room_id = $1 AND user_id = $2) AS online',
    [roomId, userId],
  );
  return row?.online === true;
}
