import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A running API process; its heartbeat tells the others it still owns its presence rows. */
@Entity('instances')
export class InstanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'heartbeat_at', type: 'timestamptz' })
  heartbeatAt!: Date;
}
