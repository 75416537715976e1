import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PresenceModule } from '../presence/presence.module';
import { RoomEntity } from './room.entity';
import { RoomListService } from './room-list.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({
  imports: [TypeOrmModule.forFeature([RoomEntity]), PresenceModule],
  controllers: [RoomsController],
  providers: [RoomsService, RoomListService],
  exports: [RoomsService],
})
export class RoomsModule {}
