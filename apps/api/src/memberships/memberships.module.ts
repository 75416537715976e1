import { RoomBansModule } from '../moderation/room-bans.module';
import { RoomTimeoutsModule } from '../moderation/room-timeouts.module';
import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { UsersModule } from '../users/users.module';
import { MembersController } from './members.controller';
import { MembershipsService } from './memberships.service';
import { MyRoomsController } from './my-rooms.controller';
import { RoomMembersModule } from './room-members.module';

/** Members, direct rooms, read markers and "my rooms" (above rooms and messages). */
@Module({
  imports: [
    RoomMembersModule,
    RoomsModule,
    MessagesModule,
    UsersModule,
    PresenceModule,
    RoomBansModule,
    RoomTimeoutsModule,
  ],
  controllers: [MembersController, MyRoomsController],
  providers: [MembershipsService],
  exports: [MembershipsService],
})
export class MembershipsModule {}
