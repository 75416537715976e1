import { Module } from '@nestjs/common';
import { MentionsService } from './mentions.service';
import { RoomMembersService } from './room-members.service';

/**
 * The `room_members` and `message_mentions` tables, below rooms and messages (which ask it who belongs where). The use
 * cases built on it — members, direct rooms, read markers, "my rooms" — are MembershipsModule's.
 */
@Module({
  providers: [RoomMembersService, MentionsService],
  exports: [RoomMembersService, MentionsService],
})
export class RoomMembersModule {}
