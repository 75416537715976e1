import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { MessageWriter } from '../messages/message-writer';
import { InstanceHeartbeatService } from '../presence/instance-heartbeat.service';
import { ShutdownState } from './shutdown-state';

/**
 * The first step of a stop (SIGTERM), while sockets and the database are still open: refuse new
 * sockets, let in-flight sends commit and be acknowledged, then take this instance's users off
 * the online lists and tell the rooms. Nest then closes the sockets (clients reconnect to another
 * instance), the HTTP server and the database.
 */
@Injectable()
export class GracefulShutdownService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdownService.name);

  constructor(
    private readonly state: ShutdownState,
    private readonly writer: MessageWriter,
    private readonly heartbeat: InstanceHeartbeatService,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.state.closing = true;
    await this.writer.idle();
    await this.heartbeat.retire().catch((error: unknown) => {
      this.logger.warn(`could not remove presence rows: ${(error as Error).message}`);
    });
  }
}
