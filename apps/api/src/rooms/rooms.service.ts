import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Room } from '@chat/contract';
import { DomainError, notFound } from '../common/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomEntity } from './room.entity';

interface RoomRow {
  id: string;
  name: string;
  created_at: Date;
  owner_id: string;
  owner_username: string;
  online_count: number;
}

const ROOM_SELECT = `
  SELECT r.id, r.name, r.created_at, u.id AS owner_id, u.username AS owner_username,
         (SELECT count(DISTINCT p.user_id)::int FROM presence p WHERE p.room_id = r.id) AS online_count
    FROM rooms r JOIN users u ON u.id = r.owner_id`;

@Injectable()
export class RoomsService {
  constructor(
    @InjectRepository(RoomEntity) private readonly rooms: Repository<RoomEntity>,
    private readonly realtime: RealtimePublisher,
  ) {}

  async list(): Promise<Room[]> {
    const rows = await this.rooms.query<RoomRow[]>(`${ROOM_SELECT} ORDER BY lower(r.name), r.name`);
    return rows.map(toRoom);
  }

  async create(name: string, ownerId: string): Promise<Room> {
    try {
      const { id } = await this.rooms.save(this.rooms.create({ name, ownerId }));
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
    return toRoom(row);
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

  async delete(name: string, callerId: string): Promise<void> {
    const room = await this.findEntity(name);
    if (room.ownerId !== callerId)
      throw new DomainError('forbidden', 'only the owner can delete a room');
    await this.rooms.delete({ id: room.id });
    this.realtime.closeRoom(room.id, room.name);
  }

  private async getById(id: string): Promise<Room> {
    const [row] = await this.rooms.query<RoomRow[]>(`${ROOM_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('room');
    return toRoom(row);
  }
}

function toRoom(row: RoomRow): Room {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    owner: { id: row.owner_id, username: row.owner_username },
    onlineCount: row.online_count,
  };
}
