import { IsInt, Max, Min } from 'class-validator';
import { TIMEOUT_MINUTES_MAX, type RoomTimeout, type TimeoutRequest } from '@chat/contract';
import { Describe, IsNested, IsTimestamp } from '../../common/validation/shapes';
import { UserSummaryDto } from '../../users/user.dto';

const MINUTES_RULE = `minutes must be an integer from 1 to ${TIMEOUT_MINUTES_MAX}`;

export class TimeoutRequestDto implements TimeoutRequest {
  @Describe('How long the member may only read (at most a week).', 60)
  @IsInt({ message: MINUTES_RULE })
  @Min(1, { message: MINUTES_RULE })
  @Max(TIMEOUT_MINUTES_MAX, { message: MINUTES_RULE })
  minutes!: number;
}

export class RoomTimeoutDto implements RoomTimeout {
  @IsNested(() => UserSummaryDto) user!: UserSummaryDto;
  @Describe('Who placed the time-out.') @IsNested(() => UserSummaryDto) by!: UserSummaryDto;
  @IsTimestamp() createdAt!: string;
  @Describe('When the member may speak again.') @IsTimestamp() expiresAt!: string;
}
