import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Login attempts per username in the current window; in the database so every instance agrees. */
@Entity('login_failures')
export class LoginFailureEntity {
  /** `usernameKey` of the name typed at login, whether or not such a user exists. */
  @PrimaryColumn({ name: 'username_key', type: 'text' })
  usernameKey!: string;

  /** Attempts counted in this window (each is counted before its password is checked). */
  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;
}
