import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { AppConfig } from '../config/app-config';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { InstanceIdentity } from './instance-identity';
import { PresenceService } from './presence.service';

interface SweptRow {
  room_id: string;
  room_name: string;
}

/**
 * Keeps this instance's heartbeat fresh and sweeps instances that stopped beating (a crash, a
 * kill -9): their sockets leave every room's list and those rooms hear the new presence.
 */
@Injectable()
export class InstanceHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InstanceHeartbeatService.name);
  private readonly heartbeat = new PeriodicTask(this.logger, 'presence heartbeat', () =>
    this.beat(),
  );

  constructor(
    private readonly db: DataSource,
    private readonly instance: InstanceIdentity,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimePublisher,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.query(
      'INSERT INTO instances (id, started_at, heartbeat_at) VALUES ($1, now(), now())',
      [this.instance.id],
    );
    await this.sweep();
    this.heartbeat.start(this.config.env.PRESENCE_HEARTBEAT_MS);
  }

  /** Removes this instance's rows and tells the rooms, so a clean stop leaves no ghosts. */
  async retire(): Promise<void> {
    this.heartbeat.stop();
    const rooms = await this.removeInstances('id = $1', [this.instance.id]);
    await this.announce(rooms);
  }

  onApplicationShutdown(): void {
    this.heartbeat.stop();
  }

  private async beat(): Promise<void> {
    await this.db.query('UPDATE instances SET heartbeat_at = now() WHERE id = $1', [
      this.instance.id,
    ]);
    await this.sweep();
  }

  async sweep(): Promise<void> {
    const rooms = await this.removeInstances(
      'heartbeat_at < now() - make_interval(secs => $1) AND id <> $2',
      [this.config.env.PRESENCE_STALE_MS / 1000, this.instance.id],
    );
    await this.announce(rooms);
  }

  private async removeInstances(where: string, params: unknown[]): Promise<SweptRow[]> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.query<{ id: string }[]>(
        `SELECT id FROM instances WHERE ${where} FOR UPDATE`,
        params,
      );
      if (gone.length === 0) return [];
      const ids = gone.map((row) => row.id);
      const [rows] = await tx.query<[SweptRow[], number]>(
        `DELETE FROM presence p USING rooms r
          WHERE p.room_id = r.id AND p.instance_id = ANY($1::uuid[])
          RETURNING p.room_id, r.name AS room_name`,
        [ids],
      );
      await tx.query('DELETE FROM instances WHERE id = ANY($1::uuid[])', [ids]);
      return rows;
    });
  }

  private async announce(rows: SweptRow[]): Promise<void> {
    const rooms = new Map(rows.map((row) => [row.room_id, row.room_name]));
    for (const [roomId, roomName] of rooms) {
      this.realtime.emitToRoom(roomId, 'presence', await this.presence.list(roomId, roomName));
    }
  }
}
