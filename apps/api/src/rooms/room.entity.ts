import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { RoomKind } from '@chat/contract';
import { UserEntity } from '../users/user.entity';

@Entity('rooms')
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** As typed at creation; uniqueness is on lower(name) (see the migration). */
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner!: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'public' })
  kind!: RoomKind;

  /** Direct rooms: their two people's ids, sorted and joined by `:` (unique). */
  @Column({ name: 'direct_key', type: 'text', nullable: true })
  directKey!: string | null;
}
