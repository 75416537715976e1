import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per username in the current window; kept in the database so every instance agrees. */
@Entity('login_failures')
export class LoginFailureEntity {
  /** lower(username) as typed at login, whether or not such a user exists. */
  @PrimaryColumn({ name: 'username_key', type: 'text' })
  usernameKey!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;
}
