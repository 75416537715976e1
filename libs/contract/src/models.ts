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

export interface Room {
  id: string;
  name: string;
  createdAt: IsoTimestamp;
  owner: UserSummary;
  onlineCount: number;
}

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
