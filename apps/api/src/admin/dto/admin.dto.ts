import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  ADMIN_PAGE_DEFAULT,
  ADMIN_PAGE_MAX,
  AUDIT_ACTIONS,
  SITE_ROLES,
  USERNAME_PATTERN,
  type AdminUser,
  type AdminUserPatch,
  type AdminUsersQuery,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  type SiteRole,
} from '@chat/contract';
import { IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import {
  Describe,
  IsNested,
  IsOneOf,
  IsTimestamp,
  Nullable,
  PageLimit,
} from '../../common/validation/shapes';
import { UserSummaryDto } from '../../users/user.dto';

const USERNAME_CHARACTERS = /^[A-Za-z0-9_.-]{0,32}$/;

export class AdminUserDto extends UserSummaryDto implements AdminUser {
  @IsOneOf(SITE_ROLES) role!: SiteRole;
  @IsTimestamp() createdAt!: string;
  @Nullable() @IsTimestamp() deactivatedAt!: string | null;
}

export class AdminUsersQueryDto implements AdminUsersQuery {
  @Describe('A username prefix, case-insensitive.', 'ad')
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_CHARACTERS, { message: 'query must be the start of a username' })
  query?: string;

  @Describe('A username (the last of the previous page): the accounts sorted after it.')
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'after must be a username' })
  after?: string;

  @PageLimit(ADMIN_PAGE_MAX, ADMIN_PAGE_DEFAULT)
  limit?: number;
}

export class AdminUserPatchDto implements AdminUserPatch {
  @IsOptional()
  @IsIn(SITE_ROLES, { message: `role must be one of ${SITE_ROLES.join(', ')}` })
  role?: SiteRole;

  @Describe('true ends every session of the account at once; false lets it log in again.')
  @IsOptional()
  @IsBoolean()
  deactivated?: boolean;
}

export class AuditQueryDto implements AuditQuery {
  @Describe('An audit entry id: the entries older than it.')
  @IsOptional()
  @IsMessageId({ message: 'before must be a positive decimal integer audit entry id' })
  before?: string;

  @PageLimit(ADMIN_PAGE_MAX, ADMIN_PAGE_DEFAULT)
  limit?: number;
}

export class AuditEntryDto implements AuditEntry {
  @Describe('Grows with each entry.', '42') @IsMessageId() id!: string;
  @IsTimestamp() at!: string;
  @IsNested(() => UserSummaryDto) actor!: UserSummaryDto;
  @IsOneOf(AUDIT_ACTIONS) action!: AuditAction;
  @Describe('The room name, if in a room.') @Nullable() @IsString() room!: string | null;
  @Nullable() @IsNested(() => UserSummaryDto) target!: UserSummaryDto | null;
  @Nullable() @IsString() detail!: string | null;
}
