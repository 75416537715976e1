import {
  API_PREFIX,
  type AdminUser,
  type AdminUserPatch,
  type AdminUsersQuery,
  type AuditEntry,
  type AuthResponse,
  type Credentials,
  type ErrorCode,
  type MarkReadResponse,
  type Member,
  type Membership,
  type Message,
  type MessagesQuery,
  type Room,
  type RoomDetail,
  type SendMessageRequest,
  type User,
  type UserSummary,
} from '@chat/contract';
import { asSentence, codeForStatus, fallbackSentence, isErrorCode } from './errors';

/** A REST failure: the status, the contract's `code` and the API's own explanation. */
export class ApiRequestError extends Error {
  constructor(
    /** 0 when the server could not be reached at all. */
    readonly status: number,
    readonly code: ErrorCode,
    readonly problems: string[],
  ) {
    super(
      status === 0
        ? 'The server cannot be reached. Check your connection.'
        : problems.map(asSentence).join(' ') || fallbackSentence(code),
    );
    this.name = 'ApiRequestError';
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

/** A session as the server granted it, with how long its access token lives. */
export interface SessionGrant {
  session: AuthResponse;
  /**
   * Milliseconds until the access token expires, measured against the server's own clock (its
   * `Date` header), so a client clock that is off cannot make it look expired.
   */
  lifetimeMs: number;
}

let accessToken: string | null = null;
/** Asked once when a request with a token answers 401: true when a fresh token is in place. */
let reauthenticate: () => Promise<boolean> = () => Promise.resolve(false);

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function onUnauthorized(handler: () => Promise<boolean>): void {
  reauthenticate = handler;
}

function problemsOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('message' in body)) return [];
  const { message } = body;
  if (typeof message === 'string') return [message];
  return Array.isArray(message) ? message.filter((m): m is string => typeof m === 'string') : [];
}

async function failureOf(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const code =
    typeof body === 'object' && body !== null && 'code' in body && isErrorCode(body.code)
      ? body.code
      : codeForStatus(response.status);
  return new ApiRequestError(response.status, code, problemsOf(body));
}

interface SendOptions {
  /** Sent without the access token (signup, login, refresh), so a 401 asks for nothing. */
  anonymous?: boolean;
  /** False for the one retry after a fresh token. */
  retry?: boolean;
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  { anonymous = false, retry = true }: SendOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const sentToken = anonymous ? null : accessToken;
  if (sentToken) headers.Authorization = `Bearer ${sentToken}`;
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'internal', []);
  }
  if (response.ok) return response;
  // An access token is short-lived: one expired under this request is swapped for a fresh one,
  // and the request goes again once.
  if (response.status === 401 && sentToken && retry && (await reauthenticate())) {
    return send(method, path, body, { retry: false });
  }
  throw await failureOf(response);
}

/** One JSON request to the API, with the access token; throws ApiRequestError. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function grant(path: string, body: unknown): Promise<SessionGrant> {
  const response = await send('POST', path, body, { anonymous: true });
  const session = (await response.json()) as AuthResponse;
  const serverNow = Date.parse(response.headers.get('Date') ?? '');
  const now = Number.isNaN(serverNow) ? Date.now() : serverNow;
  return { session, lifetimeMs: Date.parse(session.expiresAt) - now };
}

export function roomPath(name: string): string {
  return `/rooms/${encodeURIComponent(name)}`;
}

function toQuery(query: MessagesQuery): string {
  const params = new URLSearchParams();
  if (query.before) params.set('before', query.before);
  if (query.after) params.set('after', query.after);
  if (query.limit) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function adminUsersQuery({ query, after, limit }: AdminUsersQuery): string {
  const params = new URLSearchParams();
  if (query) params.set('query', query);
  if (after) params.set('after', after);
  if (limit) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const api = {
  signup: (credentials: Credentials) => grant('/auth/signup', credentials),
  login: (credentials: Credentials) => grant('/auth/login', credentials),
  /** Exchanges the HttpOnly refresh cookie for a fresh access token (401 without one). */
  refresh: () => grant('/auth/refresh', {}),
  me: () => request<User>('GET', '/auth/me'),
  logout: () => request<void>('POST', '/auth/logout'),
  listRooms: () => request<Room[]>('GET', '/rooms'),
  createRoom: (name: string, kind: 'public' | 'private' = 'public') =>
    request<Room>('POST', '/rooms', kind === 'public' ? { name } : { name, kind }),
  getRoom: (name: string) => request<RoomDetail>('GET', roomPath(name)),
  deleteRoom: (name: string) => request<void>('DELETE', roomPath(name)),
  listMessages: (room: string, query: MessagesQuery = {}) =>
    request<Message[]>('GET', `${roomPath(room)}/messages${toQuery(query)}`),
  sendMessage: (room: string, message: SendMessageRequest) =>
    request<Message>('POST', `${roomPath(room)}/messages`, message),
  adminUsers: (query: AdminUsersQuery = {}) =>
    request<AdminUser[]>('GET', `/admin/users${adminUsersQuery(query)}`),
  patchAdminUser: (username: string, patch: AdminUserPatch) =>
    request<AdminUser>('PATCH', `/admin/users/${encodeURIComponent(username)}`, patch),
  audit: (before?: string) =>
    request<AuditEntry[]>('GET', `/admin/audit${before ? `?before=${before}` : ''}`),
  editMessage: (room: string, id: string, content: string) =>
    request<Message>('PATCH', `${roomPath(room)}/messages/${id}`, { content }),
  deleteMessage: (room: string, id: string) =>
    request<void>('DELETE', `${roomPath(room)}/messages/${id}`),
  addReaction: (room: string, id: string, emoji: string) =>
    request<Message>(
      'PUT',
      `${roomPath(room)}/messages/${id}/reactions/${encodeURIComponent(emoji)}`,
    ),
  removeReaction: (room: string, id: string, emoji: string) =>
    request<Message>(
      'DELETE',
      `${roomPath(room)}/messages/${id}/reactions/${encodeURIComponent(emoji)}`,
    ),
  /** Every message with `seq > after` (tombstones included), in `seq` order. */
  listChanges: (room: string, after: string, limit: number) =>
    request<Message[]>(
      'GET',
      `${roomPath(room)}/changes?after=${encodeURIComponent(after)}&limit=${limit}`,
    ),
  myRooms: () => request<Membership[]>('GET', '/me/rooms'),
  markRead: (room: string, lastReadId: string) =>
    request<MarkReadResponse>('PUT', `${roomPath(room)}/read`, { lastReadId }),
  members: (room: string) => request<Member[]>('GET', `${roomPath(room)}/members`),
  addMember: (room: string, username: string) =>
    request<Member>('POST', `${roomPath(room)}/members`, { username }),
  removeMember: (room: string, username: string) =>
    request<void>('DELETE', `${roomPath(room)}/members/${encodeURIComponent(username)}`),
  leaveRoom: (room: string) => request<void>('DELETE', `${roomPath(room)}/members/me`),
  openDirect: (username: string) => request<Room>('POST', '/direct', { username }),
  searchUsers: (query: string, limit = 8) =>
    request<UserSummary[]>(
      'GET',
      `/users?${new URLSearchParams({ query, limit: String(limit) }).toString()}`,
    ),
};
