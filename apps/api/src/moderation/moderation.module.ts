import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { RoomsModule } from '../rooms/rooms.module';
import { UsersModule } from '../users/users.module';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';
import { RoomBansModule } from './room-bans.module';
import { RoomTimeoutsModule } from './room-timeouts.module';

@Module({
  imports: [
    RoomsModule,
    MembershipsModule,
    UsersModule,
    AuditModule,
    RoomBansModule,
    RoomTimeoutsModule,
  ],
  controllers: [ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
