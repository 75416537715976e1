import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import {
  DIRECT_ROOM_PREFIX,
  type Room,
  type RoomKind,
  type RoomsQuery,
  type UserSummary,
} from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import { DomainError, notFound } from '../common/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { RoomMembersService } from '../memberships/room-members.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomEntity } from './room.entity';

interface RoomRow {
  id: string;
  name: string;
  kind: RoomKind;
  created_at: Date;
  owner_id: string;
  owner_username: string;
}

const ROOM_SELECT = `
  SELECT r.id, r.name, r.kind, r.created_at, u.id AS owner_id, u.username AS owner_username
    FROM rooms r JOIN users u ON u.id = r.owner_id`;

/** `a:b` with the smaller id first: the same pair gives the same key whoever starts. */
export function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The server's name for a pair's direct room: `dm-` and 24 hex digits of the key's hash. */
export function directRoomName(key: string): string {
  return `${DIRECT_ROOM_PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

@Injectable()
export class RoomsService {
  /** Rooms created or deleted through this instance so far (RoomListService keys on it). */
  changeCount = 0;

  constructor(
    private readonly db: DataSource,
    @InjectRepository(RoomEntity) private readonly rooms: Repository<RoomEntity>,
    private readonly members: RoomMembersService,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimePublisher,
    private readonly audit: AuditService,
  ) {}

  /**
   * Public rooms sorted by name case-insensitively, read in the order of the partial index on
   * `lower(name)` (which also makes `after` a cursor: names are unique in that order). Online and
   * member counts come from their modules in one grouped count each. (The public
   * `GET /api/rooms` goes through RoomListService.)
   */
  async list({ limit, after }: RoomsQuery = {}): Promise<Room[]> {
    const params: unknown[] = [];
    const cursor = after === undefined ? '' : `AND lower(r.name) > lower($${params.push(after)})`;
    const page = limit === undefined ? '' : `LIMIT $${params.push(limit)}`;
    const rows = await this.rooms.query<RoomRow[]>(
      `${ROOM_SELECT} WHERE r.kind = 'public' ${cursor} ORDER BY lower(r.name) ${page}`,
      params,
    );
    // A page asks only for its own rooms; the whole list asks for every occupied room at once.
    return this.toRooms(rows, limit === undefined ? 'all' : 'these');
  }

  /** A public or private room and its owner's membership, in one transaction. */
  async create(
    name: string,
    ownerId: string,
    kind: 'public' | 'private' = 'public',
  ): Promise<Room> {
    try {
      const id = await this.db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }[]>(
          'INSERT INTO rooms (name, owner_id, kind) VALUES ($1, $2, $3) RETURNING id',
          [name, ownerId, kind],
        );
        if (!row) throw new Error('the room insert returned no row');
        await this.members.add(row.id, ownerId, 'owner', tx);
        return row.id;
      });
      this.changeCount += 1;
      const room = await this.getById(id);
      // The owner is its first member: their sockets hear its activity from now on.
      this.realtime.subscribeMember(ownerId, id);
      this.realtime.emitToUser(ownerId, 'room:added', { room });
      return room;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('conflict', 'a room with this name exists');
      throw error;
    }
  }

  /**
   * The pair's direct room, created with both memberships in one transaction when it does not
   * exist. Two people starting it at the same moment both insert with ON CONFLICT on the pair's
   * unique key: one insert wins, the other waits for its commit, does nothing and reads the
   * winner's room. `created` is true only for the winner.
   */
  async openDirect(
    starter: UserSummary,
    other: UserSummary,
  ): Promise<{ room: Room; created: boolean }> {
    const key = directKey(starter.id, other.id);
    const { id, created } = await this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }[]>(
        `INSERT INTO rooms (name, owner_id, kind, direct_key) VALUES ($1, $2, 'direct', $3)
         ON CONFLICT DO NOTHING RETURNING id`,
        [directRoomName(key), starter.id, key],
      );
      const [row] =
        inserted.length > 0
          ? inserted
          : await tx.query<{ id: string }[]>('SELECT id FROM rooms WHERE direct_key = $1', [key]);
      if (!row) throw new DomainError('conflict', 'a room holds this direct room’s name');
      const isNew = inserted.length > 0;
      if (isNew) {
        await this.members.add(row.id, starter.id, 'owner', tx);
        await this.members.add(row.id, other.id, 'member', tx);
      }
      return { id: row.id, created: isNew };
    });
    if (created) this.changeCount += 1;
    return { room: await this.getById(id), created };
  }

  /** The room as the contract shows it, whoever asks (callers check visibility first). */
  async getByName(name: string): Promise<Room> {
    const [row] = await this.rooms.query<RoomRow[]>(
      `${ROOM_SELECT} WHERE lower(r.name) = lower($1)`,
      [name],
    );
    if (!row) throw notFound('room');
    const [room] = await this.toRooms([row], 'these');
    if (!room) throw notFound('room');
    return room;
  }

  /** Several rooms by id (unknown ids are left out), in no particular order. */
  async byIds(ids: readonly string[]): Promise<Room[]> {
    if (ids.length === 0) return [];
    const rows = await this.rooms.query<RoomRow[]>(`${ROOM_SELECT} WHERE r.id = ANY($1::uuid[])`, [
      ids,
    ]);
    return this.toRooms(rows, 'these');
  }

  /** The bare row, for hot paths that need only the id, name and kind. */
  async findEntity(name: string): Promise<RoomEntity> {
    const room = await this.rooms
      .createQueryBuilder('room')
      .where('lower(room.name) = lower(:name)', { name })
      .getOne();
    if (!room) throw notFound('room');
    return room;
  }

  findById(id: string): Promise<RoomEntity | null> {
    return this.rooms.findOneBy({ id });
  }

  /** Deletes the room (the caller checked the right); its members are told and removed. */
  /** `Room.owner` after a hand-over, inside the hand-over's transaction. */
  async setOwner(roomId: string, ownerId: string, tx: EntityManager): Promise<void> {
    await tx.update(RoomEntity, { id: roomId }, { ownerId });
  }

  /** The room goes with its audit entry (`room.deleted`, by `actorId`), in one transaction. */
  async delete(room: Pick<RoomEntity, 'id' | 'name'>, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(RoomEntity, { id: room.id });
      // No room id: the row it would name is gone; the name stays in the entry.
      const entry = { actorId, action: 'room.deleted' as const, room: null, roomName: room.name };
      await this.audit.record(tx, entry);
    });
    this.changeCount += 1;
    this.realtime.closeRoom(room.id, room.name);
  }

  async getById(id: string): Promise<Room> {
    const [room] = await this.byIds([id]);
    if (!room) throw notFound('room');
    return room;
  }

  private async toRooms(rows: RoomRow[], online: 'all' | 'these'): Promise<Room[]> {
    const ids = rows.map((row) => row.id);
    const direct = rows.filter((row) => row.kind === 'direct').map((row) => row.id);
    const [onlineCounts, memberCounts, people] = await Promise.all([
      this.presence.onlineCounts(online === 'all' ? undefined : ids),
      this.members.counts(ids),
      this.members.people(direct),
    ]);
    return rows.map((row) => {
      const room: Room = {
        id: row.id,
        name: row.name,
        createdAt: row.created_at.toISOString(),
        owner: { id: row.owner_id, username: row.owner_username },
        onlineCount: onlineCounts.get(row.id) ?? 0,
        kind: row.kind,
        memberCount: memberCounts.get(row.id) ?? 0,
      };
      if (row.kind === 'direct') room.members = people.get(row.id) ?? [];
      return room;
    });
  }
}
