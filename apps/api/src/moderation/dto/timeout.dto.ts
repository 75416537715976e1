import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { TIMEOUT_MINUTES_MAX, type RoomTimeout, type TimeoutRequest } from '@chat/contract';
import { UserSummaryDto } from '../../users/user.dto';

const MINUTES_RULE = `minutes must be an integer from 1 to ${TIMEOUT_MINUTES_MAX}`;

export class TimeoutRequestDto implements TimeoutRequest {
  @ApiProperty({
    minimum: 1,
    maximum: TIMEOUT_MINUTES_MAX,
    description: 'How long the member may only read (at most a week).',
  })
  @IsInt({ message: MINUTES_RULE })
  @Min(1, { message: MINUTES_RULE })
  @Max(TIMEOUT_MINUTES_MAX, { message: MINUTES_RULE })
  minutes!: number;
}

export class RoomTimeoutDto implements RoomTimeout {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummaryDto;
  @ApiProperty({ type: UserSummaryDto }) by!: UserSummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the member may speak again.' })
  expiresAt!: string;
}
