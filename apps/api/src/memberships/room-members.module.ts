import { Module } from '@nestjs/common';
import { RoomMembersService } from './room-members.service';

/**
 * The `room_members` table, below rooms and messages (which ask it who belongs where). The use
 * cases built on it — members, direct rooms, read markers, "my rooms" — are MembershipsModule's.
 */
@Module({
  providers: [RoomMembersService],
  exports: [RoomMembersService],
})
export class RoomMembersModule {}
