import { IsString, IsUUID, Matches } from 'class-validator';
import {
  SITE_ROLES,
  USERNAME_PATTERN,
  type SiteRole,
  type User,
  type UserSummary,
} from '@chat/contract';
import { Describe, IsOneOf, IsTimestamp } from '../common/validation/shapes';
import type { UserEntity } from './user.entity';

export class UserSummaryDto implements UserSummary {
  @IsUUID() id!: string;
  @Describe('Unique case-insensitively; shown as given at signup.', 'ada')
  @IsString()
  @Matches(USERNAME_PATTERN)
  username!: string;
}

export class UserDto extends UserSummaryDto implements User {
  @IsTimestamp() createdAt!: string;
  @Describe('The first account is an admin; later ones are members until an admin says so.')
  @IsOneOf(SITE_ROLES)
  role!: SiteRole;
}

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    createdAt: entity.createdAt.toISOString(),
    role: entity.role,
  };
}
