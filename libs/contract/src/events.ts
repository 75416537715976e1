import type {
  IsoTimestamp,
  Message,
  MessageId,
  Presence,
  Room,
  RoomRole,
  Seq,
  UserSummary,
} from './models';

/** The Socket.IO namespace of the chat (default path `/socket.io`). */
export const CHAT_NAMESPACE = '/chat';

/** `connect_error` message for a handshake without a valid token. */
export const UNAUTHORIZED_HANDSHAKE = 'unauthorized';

/**
 * `connect_error` message for a handshake over SOCKETS_PER_USER (default 20) or
 * SOCKETS_PER_ADDRESS (default 200): close another tab, or retry later.
 */
export const RATE_LIMITED_HANDSHAKE = 'rate_limited';

/** The ack's `error.message` for an event the server does not know (code `invalid`). */
export const UNKNOWN_EVENT = 'unknown event';

/** Every event name of the real-time contract, in one place. */
export const ChatEvent = {
  RoomJoin: 'room:join',
  RoomLeave: 'room:leave',
  MessageSend: 'message:send',
  Typing: 'typing',
  MessageNew: 'message:new',
  Presence: 'presence',
  RoomDeleted: 'room:deleted',
  AuthRefresh: 'auth:refresh',
  RoomRead: 'room:read',
  RoomActivity: 'room:activity',
  Mention: 'mention',
  Read: 'read',
  RoomAdded: 'room:added',
  RoomRemoved: 'room:removed',
  RoomTimeout: 'room:timeout',
  RoomRole: 'room:role',
  MessageEdit: 'message:edit',
  MessageDelete: 'message:delete',
  ReactionAdd: 'reaction:add',
  ReactionRemove: 'reaction:remove',
  MessageUpdated: 'message:updated',
} as const;
export type ChatEventName = (typeof ChatEvent)[keyof typeof ChatEvent];

export const ERROR_CODES = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string };
}
export type AckSuccess<T extends object = object> = { ok: true } & T;
export type Ack<T extends object = object> = AckSuccess<T> | AckError;

// Client → server payloads.
export interface RoomJoinPayload {
  room: string;
  /**
   * The client's cursor for the room: the largest `seq` it has seen there (a v1 client's last
   * message id is one too); the ack then carries what was created and changed after it.
   */
  since?: Seq;
}
export interface RoomLeavePayload {
  room: string;
}
export interface MessageSendPayload {
  room: string;
  content: string;
  clientId?: string;
  /** The id of the message this one answers: in the same room, not deleted. */
  replyTo?: MessageId;
}
export interface MessageEditPayload {
  room: string;
  id: MessageId;
  content: string;
}
export interface MessageDeletePayload {
  room: string;
  id: MessageId;
}
export interface ReactionPayload {
  room: string;
  messageId: MessageId;
  /** Exactly one RGI emoji sequence. */
  emoji: string;
}
export interface TypingPayload {
  room: string;
}
/** Moves the caller's read marker of a room forward (a member; the room need not be joined). */
export interface RoomReadPayload {
  room: string;
  lastReadId: MessageId;
}
/** A newer access token of the socket's own session (from `POST /api/auth/refresh`). */
export interface AuthRefreshPayload {
  token: string;
}

// Acknowledgement bodies.
export interface RoomJoinResult {
  room: Room;
  presence: Presence;
  /** Oldest first; at most 500; empty without `since`. */
  missed: Message[];
  /** More than `missed` were missed: page `GET …/changes?after=` (v1: `…/messages?after=`). */
  missedMore: boolean;
  /**
   * Messages with `id ≤ since` and `seq > since` (edited, reacted to or deleted after the cursor;
   * deleted ones as tombstones), in `seq` order, at most 500; empty without `since`.
   */
  changed: Message[];
  /** True when more than `changed` changed: page `GET …/changes?after=` from the cursor. */
  changedMore: boolean;
  /**
   * Added: while the user is timed out in the room, when that ends (sends, edits and reactions
   * answer `forbidden` until then); null otherwise.
   */
  timedOutUntil: IsoTimestamp | null;
}
export interface MessageSendResult {
  message: Message;
}
export interface RoomReadResult {
  /** The stored marker: the larger of the old and the given id, never past the newest message. */
  lastReadId: MessageId;
}
export type MessageEditResult = MessageSendResult;
export type ReactionResult = MessageSendResult;
export interface AuthRefreshResult {
  /** The socket is now disconnected at this time, unless refreshed again. */
  expiresAt: IsoTimestamp;
}

// Server → client payloads.
export interface TypingEvent {
  room: string;
  user: UserSummary;
}
export interface RoomDeletedEvent {
  room: string;
}
/** To a member's sockets not joined to the room: something new was committed there. */
export interface RoomActivityEvent {
  room: string;
  lastMessageId: MessageId;
}
/** To each user a message newly mentions. */
export interface MentionEvent {
  room: string;
  message: Message;
}
/** To every socket of the user whose read marker of `room` moved. */
export interface ReadEvent {
  room: string;
  lastReadId: MessageId;
}
/** To every socket of a user who became a member of `room`. */
export interface RoomAddedEvent {
  room: Room;
}
/** To every socket of a user who left or was removed; those sockets are out of the room. */
export interface RoomRemovedEvent {
  room: string;
}
/**
 * Added: to every socket of a member timed out in `room` (`until` when it ends) or whose time-out
 * was lifted (`until` null). Nothing is sent when a time-out simply runs out: clients compare
 * `until` with their clock.
 */
export interface RoomTimeoutEvent {
  room: string;
  until: IsoTimestamp | null;
}
/**
 * Added: to every socket of a member whose role in `room` changed (made or unmade a moderator,
 * handed the room, or the old owner after a hand-over), after the commit.
 */
export interface RoomRoleEvent {
  room: string;
  role: RoomRole;
}

export interface ClientToServerEvents {
  'room:join': (payload: RoomJoinPayload, ack: (res: Ack<RoomJoinResult>) => void) => void;
  'room:leave': (payload: RoomLeavePayload, ack: (res: Ack) => void) => void;
  'message:send': (payload: MessageSendPayload, ack: (res: Ack<MessageSendResult>) => void) => void;
  typing: (payload: TypingPayload, ack: (res: Ack) => void) => void;
  'auth:refresh': (payload: AuthRefreshPayload, ack: (res: Ack<AuthRefreshResult>) => void) => void;
  'room:read': (payload: RoomReadPayload, ack: (res: Ack<RoomReadResult>) => void) => void;
  'message:edit': (payload: MessageEditPayload, ack: (res: Ack<MessageEditResult>) => void) => void;
  'message:delete': (payload: MessageDeletePayload, ack: (res: Ack) => void) => void;
  'reaction:add': (payload: ReactionPayload, ack: (res: Ack<ReactionResult>) => void) => void;
  'reaction:remove': (payload: ReactionPayload, ack: (res: Ack<ReactionResult>) => void) => void;
}

export interface ServerToClientEvents {
  'message:new': (message: Message) => void;
  presence: (presence: Presence) => void;
  typing: (event: TypingEvent) => void;
  'room:deleted': (event: RoomDeletedEvent) => void;
  'room:activity': (event: RoomActivityEvent) => void;
  mention: (event: MentionEvent) => void;
  read: (event: ReadEvent) => void;
  'room:added': (event: RoomAddedEvent) => void;
  'room:removed': (event: RoomRemovedEvent) => void;
  'room:timeout': (event: RoomTimeoutEvent) => void;
  'room:role': (event: RoomRoleEvent) => void;
  /** After each committed edit, deletion or reaction change, with the message's new `seq`. */
  'message:updated': (message: Message) => void;
}

/** The Socket.IO handshake's `auth` object. */
export interface HandshakeAuth {
  token: string;
}
