import { ApiProperty } from '@nestjs/swagger';
import { SITE_ROLES, type SiteRole, type User, type UserSummary } from '@chat/contract';
import type { UserEntity } from './user.entity';

export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada' }) username!: string;
}

export class UserDto extends UserSummaryDto implements User {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    enum: SITE_ROLES,
    description: 'The first account is an admin; later ones are members until an admin says so.',
  })
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
