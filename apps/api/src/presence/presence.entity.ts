import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One socket joined to one room. A user is online in a room while any of their rows exists. */
@Entity('presence')
export class PresenceEntity {
  @PrimaryColumn({ name: 'socket_id', type: 'varchar', length: 64 })
  socketId!: string;

  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
