import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764086400000 implements MigrationInterface {
  name = 'InitialSchema1764086400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(32) NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX sessions_user_id_idx ON sessions (user_id);

      CREATE TABLE login_failures (
        username_key text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL
      );

      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX rooms_name_lower_key ON rooms (lower(name));

      CREATE TABLE messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        content text NOT NULL,
        client_id varchar(64),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX messages_room_id_id_idx ON messages (room_id, id);
      CREATE UNIQUE INDEX messages_room_author_client_key
        ON messages (room_id, author_id, client_id) WHERE client_id IS NOT NULL;

      CREATE TABLE instances (
        id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE presence (
        socket_id varchar(64) NOT NULL,
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (socket_id, room_id)
      );
      CREATE INDEX presence_room_user_idx ON presence (room_id, user_id);
      CREATE INDEX presence_instance_idx ON presence (instance_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE presence, instances, messages, rooms, login_failures, sessions, users',
    );
  }
}
