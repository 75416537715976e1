import type { ErrorCode } from './events';
import type {
  IsoTimestamp,
  Member,
  Membership,
  Message,
  MessageId,
  Room,
  RoomDetail,
  User,
  UserSummary,
} from './models';

/** REST paths, all under `/api`. `:name` is a room name. */
export const API_PREFIX = '/api';

export interface Credentials {
  username: string;
  password: string;
}
export type SignupRequest = Credentials;
export type LoginRequest = Credentials;

/**
 * Signup, login and refresh answer this. Signup and login also set the refresh cookie (an
 * `HttpOnly`, `SameSite=Strict` cookie on path `/api/auth`), which `POST /api/auth/refresh`
 * exchanges for a new access token.
 */
export interface AuthResponse {
  accessToken: string;
  user: User;
  /** When `accessToken` stops working: refresh before then. */
  expiresAt: IsoTimestamp;
}
/** `POST /api/auth/refresh` (no body; the refresh cookie and `Content-Type: application/json`). */
export type RefreshResponse = AuthResponse;

/**
 * `GET /api/rooms` paging. Without either the answer is every room. `after` is a room name: the
 * page starts at the first room sorted after it (case-insensitively), so the next page's `after`
 * is the last name of this one. `limit` 1..500.
 */
export interface RoomsQuery {
  limit?: number;
  after?: string;
}

export interface CreateRoomRequest {
  name: string;
  /** `public` (the default) or `private`; direct rooms come from `POST /api/direct`. */
  kind?: 'public' | 'private';
}

/** `PUT /api/rooms/:name/read`. */
export interface MarkReadRequest {
  lastReadId: MessageId;
}
export interface MarkReadResponse {
  /** The room's name. */
  room: string;
  lastReadId: MessageId;
}

/** `POST /api/rooms/:name/members` and `POST /api/direct`. */
export interface AddMemberRequest {
  username: string;
}
export type DirectRoomRequest = AddMemberRequest;

/** `GET /api/users?query=PREFIX&limit=N`: `limit` 1..50, default 20. */
export interface UsersQuery {
  query?: string;
  limit?: number;
}
export const USERS_PAGE_MAX = 50;
export const USERS_PAGE_DEFAULT = 20;

export interface SendMessageRequest {
  content: string;
  /** 1..64 characters chosen by the client; makes the send safe to retry. */
  clientId?: string;
  /** The id of the message this one answers: in the same room, not deleted. */
  replyTo?: string;
}

/** `PATCH /api/rooms/:name/messages/:id`. */
export interface EditMessageRequest {
  content: string;
}

/** `GET /api/rooms/:name/changes`: every message with `seq > after`, in `seq` order. */
export interface ChangesQuery {
  after: string;
  /** 1..500, default 100. */
  limit?: number;
}

export interface MessagesQuery {
  before?: string;
  after?: string;
  limit?: number;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  [detail: string]: unknown;
}

/**
 * The REST error body: `message` is one sentence or a list of validation problems, `code` the
 * same vocabulary as the real-time acks (400 `invalid`, 401 `unauthorized`, 403 `forbidden`,
 * 404 `not_found`, 409 `conflict`, 413 and 431 `too_large`, 429 `rate_limited`, 5xx `internal`,
 * any other 4xx (405, 415, …) `invalid`).
 */
export interface ApiError {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string | string[];
}

export type RoomsResponse = Room[];
export type RoomResponse = Room;
export type RoomDetailResponse = RoomDetail;
export type MessagesResponse = Message[];
export type ChangesResponse = Message[];
export type MeResponse = User;
export type MyRoomsResponse = Membership[];
export type MembersResponse = Member[];
export type MemberResponse = Member;
export type UsersResponse = UserSummary[];
