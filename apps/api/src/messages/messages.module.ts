import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { MessageWriter } from './message-writer';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [RoomsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessageWriter],
  exports: [MessagesService, MessageWriter],
})
export class MessagesModule {}
