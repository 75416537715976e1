import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
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
import { UserSummaryDto } from '../../users/user.dto';

const LIMIT_RULE = `limit must be an integer from 1 to ${ADMIN_PAGE_MAX}`;
const USERNAME_CHARACTERS = /^[A-Za-z0-9_.-]{0,32}$/;

export class AdminUserDto extends UserSummaryDto implements AdminUser {
  @ApiProperty({ enum: SITE_ROLES }) role!: SiteRole;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt!: string | null;
}

export class AdminUsersQueryDto implements AdminUsersQuery {
  @ApiPropertyOptional({ description: 'A username prefix, case-insensitive.', example: 'ad' })
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_CHARACTERS, { message: 'query must be the start of a username' })
  query?: string;

  @ApiPropertyOptional({
    description: 'A username (the last of the previous page): the accounts sorted after it.',
  })
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'after must be a username' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: ADMIN_PAGE_MAX, default: ADMIN_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(ADMIN_PAGE_MAX, { message: LIMIT_RULE })
  limit?: number;
}

export class AdminUserPatchDto implements AdminUserPatch {
  @ApiPropertyOptional({ enum: SITE_ROLES })
  @IsOptional()
  @IsIn(SITE_ROLES, { message: `role must be one of ${SITE_ROLES.join(', ')}` })
  role?: SiteRole;

  @ApiPropertyOptional({
    description: 'true ends every session of the account at once; false lets it log in again.',
  })
  @IsOptional()
  @IsBoolean()
  deactivated?: boolean;
}

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'An audit entry id: the entries older than it.' })
  @IsOptional()
  @IsMessageId({ message: 'before must be a positive decimal integer audit entry id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: ADMIN_PAGE_MAX, default: ADMIN_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(ADMIN_PAGE_MAX, { message: LIMIT_RULE })
  limit?: number;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: UserSummaryDto }) actor!: UserSummaryDto;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: String, nullable: true, description: 'The room name, if in a room.' })
  room!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) target!: UserSummaryDto | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}
