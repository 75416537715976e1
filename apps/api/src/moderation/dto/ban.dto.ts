import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { BAN_MINUTES_MAX, BAN_REASON_MAX_LENGTH, type Ban, type BanRequest } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { UserSummaryDto } from '../../users/user.dto';

const MINUTES_RULE = `minutes must be an integer from 1 to ${BAN_MINUTES_MAX}`;

export class BanRequestDto implements BanRequest {
  @ApiPropertyOptional({ maxLength: BAN_REASON_MAX_LENGTH, description: 'Shown to moderators.' })
  @IsOptional()
  @IsPlainText()
  @IsString()
  @MaxLength(BAN_REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: BAN_MINUTES_MAX,
    description: 'How long the ban lasts; absent: until it is lifted.',
  })
  @IsOptional()
  @IsInt({ message: MINUTES_RULE })
  @Min(1, { message: MINUTES_RULE })
  @Max(BAN_MINUTES_MAX, { message: MINUTES_RULE })
  minutes?: number;
}

export class BanDto implements Ban {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummaryDto;
  @ApiProperty({ type: UserSummaryDto }) by!: UserSummaryDto;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
}
