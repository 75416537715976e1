import { Injectable } from '@nestjs/common';
import type { Room, RoomsQuery } from '@chat/contract';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from './rooms.service';

/**
 * How long the whole list's rooms are reused. Rooms created or deleted through this instance
 * show at once (the snapshot is keyed by RoomsService's change counter); those of other
 * instances within this long. Online counts are never cached.
 */
export const ROOM_LIST_SNAPSHOT_MS = 1000;

/** A room as JSON text up to its online count: `{"id":…,…,"onlineCount":`. */
interface ListedRoom {
  id: string;
  head: string;
}

interface Snapshot {
  takenAt: number;
  version: number;
  rooms: Promise<ListedRoom[]>;
}

/**
 * `GET /api/rooms`, which anyone may call and the SPA calls often. A page (`limit`/`after`) is
 * read from the name index each time. The whole list is what costs: with 20,000 rooms, parsing
 * the rows and serialising 4 MB of JSON took ~150 ms of CPU per call, so 20 concurrent calls
 * stalled every other request. Its rooms are kept as ready JSON text for a moment, shared by
 * concurrent calls, and each answer splices in fresh online counts from one grouped count.
 */
@Injectable()
export class RoomListService {
  private snapshot?: Snapshot;

  constructor(
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
  ) {}

  /** The answer as JSON text (an array of Room). */
  async json(query: RoomsQuery): Promise<string> {
    if (query.limit !== undefined || query.after !== undefined) {
      return JSON.stringify(await this.rooms.list(query));
    }
    const [rooms, online] = await Promise.all([this.whole(), this.presence.onlineCounts()]);
    return `[${rooms.map((room) => `${room.head}${online.get(room.id) ?? 0}}`).join(',')}]`;
  }

  private whole(): Promise<ListedRoom[]> {
    const now = Date.now();
    const version = this.rooms.changeCount;
    const current = this.snapshot;
    if (current && current.version === version && now - current.takenAt < ROOM_LIST_SNAPSHOT_MS) {
      return current.rooms;
    }
    const rooms = this.rooms.list().then((list) => list.map(listed));
    const snapshot = { takenAt: now, version, rooms };
    this.snapshot = snapshot;
    // A failed read is not kept: the next call tries again.
    rooms.catch(() => {
      if (this.snapshot === snapshot) this.snapshot = undefined;
    });
    return rooms;
  }
}

function listed({ onlineCount: _count, ...room }: Room): ListedRoom {
  return { id: room.id, head: `${JSON.stringify(room).slice(0, -1)},"onlineCount":` };
}
