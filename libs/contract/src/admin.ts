import type { IsoTimestamp, RoomRole, SiteRole, UserSummary } from './models';

/** One account as an admin sees it (`GET /api/admin/users`, `PATCH /api/admin/users/:username`). */
export interface AdminUser extends UserSummary {
  role: SiteRole;
  createdAt: IsoTimestamp;
  /** When the account was deactivated; null while it is active. */
  deactivatedAt: IsoTimestamp | null;
}

/**
 * `GET /api/admin/users`: `query` a username prefix (case-insensitive); sorted by username
 * case-insensitively; `after` a username (the page starts after it); `limit` 1..100, default 50.
 */
export interface AdminUsersQuery {
  query?: string;
  after?: string;
  limit?: number;
}

/** `PATCH /api/admin/users/:username`: either or both. */
export interface AdminUserPatch {
  role?: SiteRole;
  deactivated?: boolean;
}

export type AuditAction =
  | 'message.deleted'
  | 'member.removed'
  | 'member.banned'
  | 'member.unbanned'
  | 'member.timed_out'
  | 'member.timeout_lifted'
  | 'member.role_changed'
  | 'room.deleted'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.role_changed';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'message.deleted',
  'member.removed',
  'member.banned',
  'member.unbanned',
  'member.timed_out',
  'member.timeout_lifted',
  'member.role_changed',
  'room.deleted',
  'user.deactivated',
  'user.reactivated',
  'user.role_changed',
];

/** One moderation or administration action, written in the same transaction as the action. */
export interface AuditEntry {
  /** A decimal string; later entries have larger ids. */
  id: string;
  at: IsoTimestamp;
  actor: UserSummary;
  action: AuditAction;
  /** The room's name when the action happened in one. */
  room: string | null;
  target: UserSummary | null;
  detail: string | null;
}

/** `GET /api/admin/audit`: newest first; `before` an entry id; `limit` 1..100, default 50. */
export interface AuditQuery {
  before?: string;
  limit?: number;
}

export const ADMIN_PAGE_MAX = 100;
export const ADMIN_PAGE_DEFAULT = 50;

/**
 * `PATCH /api/rooms/:name/members/:username`: `moderator` or `member` (the owner; admins), or
 * `owner` to hand the room over (the old owner becomes a moderator).
 */
export interface SetMemberRoleRequest {
  role: RoomRole;
}

/** A room's ban (`GET /api/rooms/:name/bans`): `expiresAt` null for a ban without end. */
export interface Ban {
  user: UserSummary;
  by: UserSummary;
  reason: string | null;
  createdAt: IsoTimestamp;
  expiresAt: IsoTimestamp | null;
}

/** `PUT /api/rooms/:name/bans/:username`: `minutes` 1..525600, absent for a ban without end. */
export interface BanRequest {
  reason?: string;
  minutes?: number;
}

export const BAN_MINUTES_MAX = 525_600;
export const BAN_REASON_MAX_LENGTH = 500;

/** `PUT /api/rooms/:name/timeouts/:username`: how long the member may only read, 1..10080. */
export interface TimeoutRequest {
  minutes: number;
}

export const TIMEOUT_MINUTES_MAX = 10_080;

/**
 * A time-out in force (`GET /api/rooms/:name/timeouts`, added beside the contract's routes for
 * the room settings): until `expiresAt` the member may read but not send, edit or react.
 */
export interface RoomTimeout {
  user: UserSummary;
  by: UserSummary;
  createdAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
}
