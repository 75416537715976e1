import type { Ban, BanRequest, Member, RoomRole, RoomTimeout } from '@chat/contract';
import { request, roomPath } from './http';

const person = (room: string, what: string, username: string) =>
  `${roomPath(room)}/${what}/${encodeURIComponent(username)}`;

/** The room moderation routes (owner, moderators, admins): roles, bans and time-outs. */
export const moderation = {
  setRole: (room: string, username: string, role: RoomRole) =>
    request<Member>('PATCH', person(room, 'members', username), { role }),
  bans: (room: string) => request<Ban[]>('GET', `${roomPath(room)}/bans`),
  ban: (room: string, username: string, ban: BanRequest) =>
    request<void>('PUT', person(room, 'bans', username), ban),
  unban: (room: string, username: string) =>
    request<void>('DELETE', person(room, 'bans', username)),
  timeouts: (room: string) => request<RoomTimeout[]>('GET', `${roomPath(room)}/timeouts`),
  timeOut: (room: string, username: string, minutes: number) =>
    request<void>('PUT', person(room, 'timeouts', username), { minutes }),
  liftTimeout: (room: string, username: string) =>
    request<void>('DELETE', person(room, 'timeouts', username)),
};
