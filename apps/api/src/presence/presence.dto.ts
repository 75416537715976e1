import { IsString } from 'class-validator';
import type { Presence } from '@chat/contract';
import { Describe, IsCount, IsNestedArray } from '../common/validation/shapes';
import { UserSummaryDto } from '../users/user.dto';

export class PresenceDto implements Presence {
  @Describe('The room name.', 'general') @IsString() room!: string;
  @Describe('Sorted by username, case-insensitively.')
  @IsNestedArray(() => UserSummaryDto)
  online!: UserSummaryDto[];
  @Describe('Always `online.length`.') @IsCount() count!: number;
}
