import { Module } from '@nestjs/common';
import { InstanceHeartbeatService } from './instance-heartbeat.service';
import { InstanceIdentity } from './instance-identity';
import { PresenceService } from './presence.service';

@Module({
  providers: [InstanceIdentity, PresenceService, InstanceHeartbeatService],
  exports: [PresenceService, InstanceIdentity, InstanceHeartbeatService],
})
export class PresenceModule {}
