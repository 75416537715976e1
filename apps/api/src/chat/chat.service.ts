import { Injectable } from '@nestjs/common';
import type { Message, RoomJoinResult, UserSummary } from '@chat/contract';
import { MessagesService } from '../messages/messages.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomsService } from '../rooms/rooms.service';
import type { JoinedRoom } from './chat-socket';

/** The real-time use cases; the gateway only validates, calls these and moves sockets. */
@Injectable()
export class ChatService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly messages: MessagesService,
    private readonly realtime: RealtimePublisher,
  ) {}

  async findRoom(name: string): Promise<JoinedRoom> {
    const { id, name: roomName } = await this.rooms.findEntity(name);
    return { id, name: roomName };
  }

  /** Marks the user online in the room and gathers what the join ack carries. */
  async join(
    socketId: string,
    user: UserSummary,
    { id, name }: JoinedRoom,
    since?: string,
  ): Promise<RoomJoinResult> {
    const changed = await this.presence.join(socketId, id, user.id);
    const [room, presence, catchUp] = await Promise.all([
      this.rooms.getByName(name),
      this.presence.list(id, name),
      since === undefined
        ? { missed: [], more: false }
        : this.messages.missedSince({ id, name }, since),
    ]);
    if (changed) this.realtime.emitToRoom(id, 'presence', presence);
    return { room, presence, missed: catchUp.missed, missedMore: catchUp.more };
  }

  async leave(socketId: string, room: JoinedRoom): Promise<void> {
    if (await this.presence.leave(socketId, room.id)) await this.announce(room);
  }

  /** A closed socket leaves every room it was in. */
  async disconnect(socketId: string, joined: Iterable<JoinedRoom>): Promise<void> {
    const names = new Map([...joined].map((room) => [room.id, room.name]));
    const changed = await this.presence.leaveAll(socketId);
    for (const roomId of changed) {
      await this.announce({ id: roomId, name: names.get(roomId) ?? (await this.nameOf(roomId)) });
    }
  }

  send(user: UserSummary, room: JoinedRoom, content: string, clientId?: string): Promise<Message> {
    return this.messages.send(user, room, content, clientId);
  }

  private async announce(room: JoinedRoom): Promise<void> {
    this.realtime.emitToRoom(room.id, 'presence', await this.presence.list(room.id, room.name));
  }

  private async nameOf(roomId: string): Promise<string> {
    return (await this.rooms.findById(roomId))?.name ?? '';
  }
}
