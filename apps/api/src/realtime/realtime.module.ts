import { Global, Module } from '@nestjs/common';
import { RealtimePublisher } from './realtime.publisher';
import { RoomActivity } from './room-activity';

@Global()
@Module({
  providers: [RealtimePublisher, RoomActivity],
  exports: [RealtimePublisher, RoomActivity],
})
export class RealtimeModule {}
