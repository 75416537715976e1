import { IsInt, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { BAN_MINUTES_MAX, BAN_REASON_MAX_LENGTH, type Ban, type BanRequest } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe, IsNested, IsTimestamp, Nullable } from '../../common/validation/shapes';
import { UserSummaryDto } from '../../users/user.dto';

const MINUTES_RULE = `minutes must be an integer from 1 to ${BAN_MINUTES_MAX}`;

export class BanRequestDto implements BanRequest {
  @Describe('Shown to moderators.')
  @IsOptional()
  @IsPlainText()
  @IsString()
  @MaxLength(BAN_REASON_MAX_LENGTH)
  reason?: string;

  @Describe('How long the ban lasts; absent: until it is lifted.')
  @IsOptional()
  @IsInt({ message: MINUTES_RULE })
  @Min(1, { message: MINUTES_RULE })
  @Max(BAN_MINUTES_MAX, { message: MINUTES_RULE })
  minutes?: number;
}

export class BanDto implements Ban {
  @IsNested(() => UserSummaryDto) user!: UserSummaryDto;
  @Describe('Who placed the ban.') @IsNested(() => UserSummaryDto) by!: UserSummaryDto;
  @Nullable() @IsString() reason!: string | null;
  @IsTimestamp() createdAt!: string;
  @Describe('Null for a ban without end.') @Nullable() @IsTimestamp() expiresAt!: string | null;
}
