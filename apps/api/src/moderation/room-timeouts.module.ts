import { Module } from '@nestjs/common';
import { RoomTimeoutsService } from './room-timeouts.service';

/** The `room_timeouts` table, below chat and memberships (which tell a member of theirs). */
@Module({ providers: [RoomTimeoutsService], exports: [RoomTimeoutsService] })
export class RoomTimeoutsModule {}
