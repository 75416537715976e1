import { ApiProperty } from '@nestjs/swagger';
import type { Room, RoomDetail } from '@chat/contract';
import { UserSummaryDto } from '../../users/user.dto';

export class RoomDto implements Room {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'general' }) name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: UserSummaryDto }) owner!: UserSummaryDto;
  @ApiProperty({ description: 'Distinct users online in the room now.' }) onlineCount!: number;
}

export class RoomDetailDto extends RoomDto implements RoomDetail {
  @ApiProperty({ type: [UserSummaryDto], description: 'Sorted by username, case-insensitively.' })
  online!: UserSummaryDto[];
}
