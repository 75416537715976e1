import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ServerToClientEvents } from '@chat/contract';
import { membersChannel, roomChannel, sessionChannel, userChannel } from './channels';

type ChatNamespace = Namespace<Record<string, never>, ServerToClientEvents>;
type EventArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

/**
 * The one way services reach connected clients. Only the gateway owns the Socket.IO namespace;
 * it binds it here at start-up. With the Redis adapter every call reaches every instance.
 */
@Injectable()
export class RealtimePublisher {
  private namespace?: ChatNamespace;

  bind(namespace: ChatNamespace): void {
    this.namespace = namespace;
  }

  emitToRoom<E extends keyof ServerToClientEvents>(
    roomId: string,
    event: E,
    ...args: EventArgs<E>
  ): void {
    this.namespace?.to(roomChannel(roomId)).emit(event, ...args);
  }

  emitToUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: EventArgs<E>
  ): void {
    this.namespace?.to(userChannel(userId)).emit(event, ...args);
  }

  /** `room:activity`: to the members' sockets that are not joined to the room. */
  emitToIdleMembers<E extends keyof ServerToClientEvents>(
    roomId: string,
    event: E,
    ...args: EventArgs<E>
  ): void {
    this.namespace
      ?.to(membersChannel(roomId))
      .except(roomChannel(roomId))
      .emit(event, ...args);
  }

  /**
   * Tells the room it is gone and removes every socket from it, on every instance. Members who
   * have not joined it hear it too, so their room lists drop it.
   */
  closeRoom(roomId: string, roomName: string): void {
    if (!this.namespace) return;
    const channels = [roomChannel(roomId), membersChannel(roomId)];
    this.namespace.to(channels).emit('room:deleted', { room: roomName });
    this.namespace.in(channels).socketsLeave(channels);
  }

  /** Every socket of the user, on every instance, now hears the room's activity. */
  subscribeMember(userId: string, roomId: string): void {
    this.namespace?.in(userChannel(userId)).socketsJoin(membersChannel(roomId));
  }

  /**
   * Takes every socket of the user out of the room, on every instance, and resolves once each
   * instance has done it. Socket.IO's socketsLeave is only sent; fetchSockets goes out after it
   * on the same adapter channel and resolves when every instance has answered, so by then each
   * has applied the leave. Sockets still in the room are taken out one by one.
   */
  async removeMember(userId: string, roomId: string): Promise<void> {
    if (!this.namespace) return;
    const channels = [roomChannel(roomId), membersChannel(roomId)];
    this.namespace.in(userChannel(userId)).socketsLeave(channels);
    const sockets = await this.namespace.in(userChannel(userId)).fetchSockets();
    for (const socket of sockets) {
      for (const channel of channels) if (socket.rooms.has(channel)) socket.leave(channel);
    }
  }

  /** Sockets connected to this instance (not the cluster). */
  localSocketCount(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  disconnectSession(sessionId: string): void {
    this.namespace?.in(sessionChannel(sessionId)).disconnectSockets(true);
  }

  /**
   * Disconnects every socket of the user, on every instance, and resolves once each instance has
   * done it: disconnectSockets is only sent; fetchSockets goes out after it on the same adapter
   * channel and resolves when every instance has answered, so by then each has applied it. Any
   * socket still there (it connected in between) is disconnected by itself.
   */
  async disconnectUser(userId: string): Promise<void> {
    if (!this.namespace) return;
    this.namespace.in(userChannel(userId)).disconnectSockets(true);
    const left = await this.namespace.in(userChannel(userId)).fetchSockets();
    for (const socket of left) socket.disconnect(true);
  }
}
