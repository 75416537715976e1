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

/** An account's standing on the whole site: the first account is an admin, later ones members. */
export type SiteRole = 'admin' | 'member';
export const SITE_ROLES: readonly SiteRole[] = ['admin', 'member'];

export interface User extends UserSummary {
  createdAt: IsoTimestamp;
  role: SiteRole;
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
  /**
   * Added: while the caller is timed out in the room, when that ends (they may read, not send,
   * edit or react, until then); null otherwise.
   */
  timedOutUntil: IsoTimestamp | null;
}

/** Unread and mention counts stop here: 100 means "100 or more". */
export const UNREAD_COUNT_CAP = 100;

/** Direct rooms' names start with this; `POST /api/rooms` refuses it in any casing. */
export const DIRECT_ROOM_PREFIX = 'dm-';

/** `GET /api/rooms/:name` adds who is online now. */
export interface RoomDetail extends Room {
  online: UserSummary[];
}

/**
 * A message's change cursor: a decimal string like a message id. Equal to `id` at creation and
 * given a new, larger value by every change (edit, deletion, reaction added or removed). Within a
 * room every committed creation or change has a larger `seq` than everything committed there
 * before it, so a client's cursor is the largest `seq` it has seen (a message id is one too).
 */
export type Seq = string;

/** The message a reply answers, as it is now: at most 200 code points of it; `""` once deleted. */
export interface ReplyPreview {
  id: MessageId;
  author: UserSummary;
  content: string;
  deleted: boolean;
}

/** One distinct emoji on a message: `users` in the order they reacted, `count === users.length`. */
export interface Reaction {
  emoji: string;
  count: number;
  users: UserSummary[];
}

export interface Message {
  id: MessageId;
  /** The room's name. */
  room: string;
  author: UserSummary;
  /** `""` when deleted. */
  content: string;
  createdAt: IsoTimestamp;
  clientId: string | null;
  seq: Seq;
  editedAt: IsoTimestamp | null;
  /** A tombstone: content `""`, no reactions, mentions or replyTo; kept for good. */
  deleted: boolean;
  replyTo: ReplyPreview | null;
  /** One entry per distinct emoji, in the order each was first added. */
  reactions: Reaction[];
  /** Members the message mentions, in order of first appearance. */
  mentions: UserSummary[];
}

/** Which of two copies of a message a client keeps: the one with the larger `seq`. */
export function newerMessage<M extends Pick<Message, 'seq'>>(a: M, b: M): M {
  return BigInt(b.seq) > BigInt(a.seq) ? b : a;
}

export interface Presence {
  room: string;
  /** Sorted by username, case-insensitively. */
  online: UserSummary[];
  /** Always `online.length`. */
  count: number;
}
