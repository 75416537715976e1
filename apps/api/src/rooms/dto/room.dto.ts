import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROOM_KINDS, type Room, type RoomDetail, type RoomKind } from '@chat/contract';
import { UserSummaryDto } from '../../users/user.dto';

export class RoomDto implements Room {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'general' }) name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: UserSummaryDto }) owner!: UserSummaryDto;
  @ApiProperty({ description: 'Distinct users online in the room now.' }) onlineCount!: number;
  @ApiProperty({ enum: ROOM_KINDS }) kind!: RoomKind;
  @ApiProperty({ description: 'How many people belong to the room.' }) memberCount!: number;
  @ApiPropertyOptional({
    type: [UserSummaryDto],
    description: 'Direct rooms only: the two people, sorted by username.',
  })
  members?: UserSummaryDto[];
}

export class RoomDetailDto extends RoomDto implements RoomDetail {
  @ApiProperty({ type: [UserSummaryDto], description: 'Sorted by username, case-insensitively.' })
  online!: UserSummaryDto[];
}
