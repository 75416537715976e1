import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { RoomMembersModule } from '../memberships/room-members.module';
import { RoomBansModule } from '../moderation/room-bans.module';
import { UsersModule } from '../users/users.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomAccess } from './room-access.service';
import { RoomEntity } from './room.entity';
import { RoomListService } from './room-list.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoomEntity]),
    PresenceModule,
    RoomMembersModule,
    UsersModule,
    AuditModule,
    RoomBansModule,
  ],
  controllers: [RoomsController],
  providers: [RoomsService, RoomListService, RoomAccess],
  exports: [RoomsService, RoomAccess, RoomMembersModule, AuditModule],
})
export class RoomsModule {}
