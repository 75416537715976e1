/** ISO-8601 timestamp in UTC, e.g. `2026-11-25T16:40:10.123Z`. */
export type IsoTimestamp = string;

/**
 * A message id: a decimal string holding a positive 64-bit integer that only grows within a room.
 * Compare with `compareMessageIds` (big integers), never as floats.
 */
export type MessageId = string;

export interface UserSummary {
  id: string;
  username: string;
}

export interface User extends UserSummary {
  createdAt: IsoTimestamp;
}

/** Who sees a room: everyone signed in, its members, or exactly its two people. */
export type RoomKind = 'public' | 'private' | 'direct';
export const ROOM_KINDS: readonly RoomKind[] = ['public', 'private', 'direct'];

/** A member's standing in a room (moderation builds on `moderator`). */
export type RoomRole = 'owner' | 'moderator' | 'member';

export interface Room {
  id: string;
  name: string;
  createdAt: IsoTimestamp;
  owner: UserSummary;
  onlineCount: number;
  kind: RoomKind;
  memberCount: number;
  /** Direct rooms only: the two people, sorted by username. */
  members?: UserSummary[];
}

/** One person's membership of a room (`GET /api/rooms/:name/members`). */
export interface Member {
  user: UserSummary;
  role: RoomRole;
  joinedAt: IsoTimestamp;
}

/**
 * The caller's side of a room (`GET /api/me/rooms`). Counts are computed from the messages after
 * `lastReadId` each time (never stored), capped at 100: 100 means "100 or more".
 */
export interface Membership {
  room: Room;
  role: RoomRole;
  lastReadId: MessageId;
  /** The room's newest message id, deleted ones included; null in an empty room. */
  lastMessageId: MessageId | null;
  lastMessageAt: IsoTimestamp | null;
  unread: boolean;
  /** Messages after `lastReadId`, not deleted, not the caller's own; at most 100. */
  unreadCount: number;
  /** Those of them that mention the caller; at most 100. */
  mentionCount: number;
}

/** Unread and mention counts stop here: 100 means "100 or more". */
export const UNREAD_COUNT_CAP = 100;

/** Direct rooms' names start with this; `POST /api/rooms` refuses it in any casing. */
export const DIRECT_ROOM_PREFIX = 'dm-';

/** `GET /api/rooms/:name` adds who is online now. */
export interface RoomDetail extends Room {
  online: UserSummary[];
}

export interface Message {
  id: MessageId;
  /** The room's name. */
  room: string;
  author: UserSummary;
  content: string;
  createdAt: IsoTimestamp;
  clientId: string | null;
}

export interface Presence {
  room: string;
  /** Sorted by username, case-insensitively. */
  online: UserSummary[];
  /** Always `online.length`. */
  count: number;
}
