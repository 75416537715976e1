import { IsOptional, IsString, IsUUID } from 'class-validator';
import { ROOM_KINDS, type Room, type RoomDetail, type RoomKind } from '@chat/contract';
import {
  Describe,
  IsCount,
  IsNested,
  IsNestedArray,
  IsOneOf,
  IsTimestamp,
} from '../../common/validation/shapes';
import { UserSummaryDto } from '../../users/user.dto';

export class RoomDto implements Room {
  @IsUUID() id!: string;
  @Describe('Unique case-insensitively, across all rooms.', 'general') @IsString() name!: string;
  @IsTimestamp() createdAt!: string;
  @IsNested(() => UserSummaryDto) owner!: UserSummaryDto;
  @Describe('Distinct users online in the room now.') @IsCount() onlineCount!: number;
  @IsOneOf(ROOM_KINDS) kind!: RoomKind;
  @Describe('How many people belong to the room.') @IsCount() memberCount!: number;
  @Describe('Direct rooms only: the two people, sorted by username.')
  @IsOptional()
  @IsNestedArray(() => UserSummaryDto)
  members?: UserSummaryDto[];
}

export class RoomDetailDto extends RoomDto implements RoomDetail {
  @Describe('Sorted by username, case-insensitively.')
  @IsNestedArray(() => UserSummaryDto)
  online!: UserSummaryDto[];
}
