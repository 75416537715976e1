import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';

export interface JoinedRoom {
  id: string;
  name: string;
}

/** What the handshake stores on a socket: who it is and which rooms it has joined (by room id). */
export interface ChatSocketData {
  user: AuthenticatedUser;
  joined: Map<string, JoinedRoom>;
  /** The tail of this socket's room:join / room:leave chain (see `inTurn`). */
  membership: Promise<unknown>;
}

export type ChatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ChatSocketData
>;

/** The joined room with this name (case-insensitive), if the socket is in it. */
export function joinedRoom(socket: ChatSocket, name: string): JoinedRoom | undefined {
  const wanted = name.toLowerCase();
  for (const room of socket.data.joined.values()) {
    if (room.name.toLowerCase() === wanted) return room;
  }
  return undefined;
}

/**
 * Runs a socket's joins and leaves one after another. Nest handles a socket's events
 * concurrently, so a leave sent right after a join could otherwise finish first and the late
 * join would leave a ghost in the online list.
 */
export function inTurn<T>(socket: ChatSocket, task: () => Promise<T>): Promise<T> {
  const result = socket.data.membership.then(task, task);
  socket.data.membership = result.catch(() => undefined);
  return result;
}
