import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ROOM_NAME_PATTERN, type CreateRoomRequest } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe, Documented } from '../../common/validation/shapes';

export const ROOM_NAME_RULE = 'room name must be 1 to 64 letters, digits, dashes or underscores';

export class CreateRoomDto implements CreateRoomRequest {
  @Describe('Unique case-insensitively, across all rooms; `dm-` is for direct rooms.', 'general')
  @IsPlainText()
  @IsString()
  @Matches(ROOM_NAME_PATTERN, { message: ROOM_NAME_RULE })
  @Matches(/^(?!dm-)/i, { message: 'room names starting with dm- are for direct rooms' })
  name!: string;

  @Documented({ default: 'public' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: 'kind must be public or private' })
  kind?: 'public' | 'private';
}
