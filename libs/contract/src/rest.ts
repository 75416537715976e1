import type { Message, Room, RoomDetail, User } from './models';

/** REST paths, all under `/api`. `:name` is a room name. */
export const API_PREFIX = '/api';

export interface Credentials {
  username: string;
  password: string;
}
export type SignupRequest = Credentials;
export type LoginRequest = Credentials;

export interface AuthResponse {
  accessToken: string;
  user: User;
}

export interface CreateRoomRequest {
  name: string;
}

export interface SendMessageRequest {
  content: string;
  /** 1..64 characters chosen by the client; makes the send safe to retry. */
  clientId?: string;
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

/** The REST error body: `message` is one sentence or a list of validation problems. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string | string[];
}

export type RoomsResponse = Room[];
export type RoomResponse = Room;
export type RoomDetailResponse = RoomDetail;
export type MessagesResponse = Message[];
export type MeResponse = User;
