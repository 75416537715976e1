import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Room, RoomsQuery } from '@chat/contract';
import { DomainError, notFound } from '../common/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomEntity } from './room.entity';
import { mayInRoom, type RoomActor, type RoomKind } from '../permissions/room-policy';

interface RoomRow {
  id: string;
  name: string;
  created_at: Date;
  owner_id: string;
  owner_username: string;
}

const ROOM_SELECT = `
  SELECT r.id, r.name, r.created_at, u.id AS owner_id, u.username AS owner_username
    FROM rooms r JOIN users u ON u.id = r.owner_id`;

@Injectable()
export class RoomsService {
  /** Rooms created or deleted through this instance so far (RoomListService keys on it). */
  changeCount = 0;

  constructor(
    @InjectRepository(RoomEntity) private readonly rooms: Repository<RoomEntity>,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimePublisher,
  ) {}

  /**
   * Sorted by name case-insensitively, read in the order of the unique index on `lower(name)`
   * (which also makes `after` a cursor: names are unique in that order). Online counts come
   * from the presence module in one grouped count; rooms nobody is in count 0. (The public
   * `GET /api/rooms` goes through RoomListService.)
   */
  async list({ limit, after }: RoomsQuery = {}): Promise<Room[]> {
    const params: unknown[] = [];
    const where = after === undefined ? '' : `WHERE lower(r.name) > lower($${params.push(after)})`;
    const page = limit === undefined ? '' : `LIMIT $${params.push(limit)}`;
    const rooms = this.rooms.query<RoomRow[]>(
      `${ROOM_SELECT} ${where} ORDER BY lower(r.name) ${page}`,
      params,
    );
    // A page asks only for its own rooms; the whole list asks for every occupied room at once.
    const counts =
      limit === undefined
        ? this.presence.onlineCounts()
        : rooms.then((rows) => this.presence.onlineCounts(rows.map((row) => row.id)));
    const [rows, online] = await Promise.all([rooms, counts]);
    return rows.map((row) => toRoom(row, online));
  }

  async create(name: string, ownerId: string): Promise<Room> {
    try {
      const { id } = await this.rooms.save(this.rooms.create({ name, ownerId }));
      this.changeCount += 1;
      return await this.getById(id);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('conflict', 'a room with this name exists');
      throw error;
    }
  }

  async getByName(name: string): Promise<Room> {
    const [row] = await this.rooms.query<RoomRow[]>(
      `${ROOM_SELECT} WHERE lower(r.name) = lower($1)`,
      [name],
    );
    if (!row) throw notFound('room');
    return toRoom(row, await this.presence.onlineCounts([row.id]));
  }

  /** The bare row, for hot paths that need only the id and name. */
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

  /**
   * How the permissions module sees a user in a room, and the room's kind. Until memberships
   * carry room roles, the owner column is the only room role there is, and every room is public.
   */
  async standingOf(roomId: string, userId: string): Promise<{ actor: RoomActor; kind: RoomKind }> {
    const room = await this.findById(roomId);
    if (!room) throw notFound('room');
    return {
      actor: { siteRole: 'member', roomRole: room.ownerId === userId ? 'owner' : 'member' },
      kind: 'public',
    };
  }

  async delete(name: string, callerId: string): Promise<void> {
    const room = await this.findEntity(name);
    // Until memberships carry room roles, the owner column is the only room role there is.
    const actor: RoomActor = {
      siteRole: 'member',
      roomRole: room.ownerId === callerId ? 'owner' : 'member',
    };
    if (!mayInRoom(actor, 'public', 'room.delete'))
      throw new DomainError('forbidden', 'only the owner can delete a room');
    await this.rooms.delete({ id: room.id });
    this.changeCount += 1;
    this.realtime.closeRoom(room.id, room.name);
  }

  private async getById(id: string): Promise<Room> {
    const [row] = await this.rooms.query<RoomRow[]>(`${ROOM_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('room');
    return toRoom(row, await this.presence.onlineCounts([row.id]));
  }
}

function toRoom(row: RoomRow, online: ReadonlyMap<string, number>): Room {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    owner: { id: row.owner_id, username: row.owner_username },
    onlineCount: online.get(row.id) ?? 0,
  };
}
