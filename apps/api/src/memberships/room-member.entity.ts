import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoomRole } from '@chat/contract';

/** One person's membership of a room; written only by RoomMembersService. */
@Entity('room_members')
export class RoomMemberEntity {
  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: RoomRole;

  /** Only moves forward (GREATEST), never past the room's newest message. */
  @Column({ name: 'last_read_id', type: 'bigint' })
  lastReadId!: string;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
