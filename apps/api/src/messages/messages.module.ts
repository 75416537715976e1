import { Module } from '@nestjs/common';
import { RoomTimeoutsModule } from '../moderation/room-timeouts.module';
import { RoomsModule } from '../rooms/rooms.module';
import { MessageChanges } from './message-changes.service';
import { MessageReader } from './message-reader';
import { MessageWriter } from './message-writer';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [RoomsModule, RoomTimeoutsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessageWriter, MessageReader, MessageChanges],
  exports: [MessagesService, MessageWriter, MessageChanges],
})
export class MessagesModule {}
