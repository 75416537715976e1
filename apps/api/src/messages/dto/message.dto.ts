import { ApiProperty } from '@nestjs/swagger';
import type { Message } from '@chat/contract';
import { UserSummaryDto } from '../../users/user.dto';

export class MessageDto implements Message {
  @ApiProperty({
    example: '1024',
    description: 'A 64-bit integer as a decimal string; grows within a room.',
  })
  id!: string;
  @ApiProperty({ example: 'general', description: 'The room name.' }) room!: string;
  @ApiProperty({ type: UserSummaryDto }) author!: UserSummaryDto;
  @ApiProperty({ description: 'Plain text; render as text, never as HTML.' }) content!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
}
