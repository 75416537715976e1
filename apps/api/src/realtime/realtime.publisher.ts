import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ServerToClientEvents } from '@chat/contract';
import { roomChannel, sessionChannel, userChannel } from './channels';

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

  /** Tells the room it is gone and removes every socket from it, on every instance. */
  closeRoom(roomId: string, roomName: string): void {
    if (!this.namespace) return;
    this.namespace.to(roomChannel(roomId)).emit('room:deleted', { room: roomName });
    this.namespace.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
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
