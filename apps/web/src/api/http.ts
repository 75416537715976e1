import {
  API_PREFIX,
  type ApiError,
  type AuthResponse,
  type Credentials,
  type Message,
  type MessagesQuery,
  type Room,
  type RoomDetail,
  type User,
} from '@chat/contract';

/** A REST failure, carrying the status and the API's own explanation. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
  ) {
    super(problems.join('; ') || `Request failed with status ${status}`);
    this.name = 'ApiRequestError';
  }
}

let accessToken: string | null = null;
let unauthorizedHandler: () => void = () => undefined;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when an authenticated request answers 401: the token expired or was revoked. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && 'message' in body;
}

async function readProblems(response: Response): Promise<string[]> {
  const body: unknown = await response.json().catch(() => null);
  if (!isApiError(body)) return [];
  return Array.isArray(body.message) ? body.message : [body.message];
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const sentToken = accessToken;
  if (sentToken) headers.Authorization = `Bearer ${sentToken}`;
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, ['The server cannot be reached. Check your connection.']);
  }
  if (!response.ok) {
    if (response.status === 401 && sentToken) unauthorizedHandler();
    throw new ApiRequestError(response.status, await readProblems(response));
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function roomPath(name: string): string {
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

export const api = {
  signup: (credentials: Credentials) => request<AuthResponse>('POST', '/auth/signup', credentials),
  login: (credentials: Credentials) => request<AuthResponse>('POST', '/auth/login', credentials),
  me: () => request<User>('GET', '/auth/me'),
  logout: () => request<void>('POST', '/auth/logout'),
  listRooms: () => request<Room[]>('GET', '/rooms'),
  createRoom: (name: string) => request<Room>('POST', '/rooms', { name }),
  getRoom: (name: string) => request<RoomDetail>('GET', roomPath(name)),
  deleteRoom: (name: string) => request<void>('DELETE', roomPath(name)),
  listMessages: (room: string, query: MessagesQuery = {}) =>
    request<Message[]>('GET', `${roomPath(room)}/messages${toQuery(query)}`),
};
