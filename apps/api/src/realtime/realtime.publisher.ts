import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ServerToClientEvents } from '@chat/contract';
import { roomChannel, sessionChannel } from './channels';

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
}
