import { Global, Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { PresenceModule } from '../presence/presence.module';
import { GracefulShutdownService } from './graceful-shutdown.service';
import { ShutdownState } from './shutdown-state';

@Global()
@Module({
  imports: [MessagesModule, PresenceModule],
  providers: [ShutdownState, GracefulShutdownService],
  exports: [ShutdownState],
})
export class LifecycleModule {}
