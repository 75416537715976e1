import { ApiProperty } from '@nestjs/swagger';
import type { User, UserSummary } from '@chat/contract';
import type { UserEntity } from './user.entity';

export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada' }) username!: string;
}

export class UserDto extends UserSummaryDto implements User {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toUser(entity: UserEntity): User {
  return { id: entity.id, username: entity.username, createdAt: entity.createdAt.toISOString() };
}
