import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { RoomMembersModule } from '../memberships/room-members.module';
import { MessagesModule } from '../messages/messages.module';
import { RoomTimeoutsModule } from '../moderation/room-timeouts.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { SocketAuthMiddleware } from './socket-auth.middleware';
import { SocketSessionGateway } from './socket-session.gateway';

@Module({
  imports: [
    AuthModule,
    RoomsModule,
    MessagesModule,
    PresenceModule,
    MembershipsModule,
    RoomMembersModule,
    RoomTimeoutsModule,
  ],
  providers: [ChatGateway, SocketSessionGateway, ChatService, SocketAuthMiddleware],
})
export class ChatModule {}
