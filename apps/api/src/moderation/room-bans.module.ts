import { Module } from '@nestjs/common';
import { RoomBansService } from './room-bans.service';

/** The `room_bans` table, below rooms and memberships (which ask it before letting someone in). */
@Module({ providers: [RoomBansService], exports: [RoomBansService] })
export class RoomBansModule {}
