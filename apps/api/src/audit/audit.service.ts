import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction, AuditEntry } from '@chat/contract';

/** What an action leaves in the log; written by the action's own transaction. */
export interface AuditRecord {
  actorId: string;
  action: AuditAction;
  room?: { id: string; name: string } | null;
  /** For a room that is gone by the commit (its deletion): the name alone. */
  roomName?: string;
  targetId?: string | null;
  detail?: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  room_name: string | null;
  detail: string | null;
  actor_id: string;
  actor_username: string;
  target_id: string | null;
  target_username: string | null;
}

/**
 * The `audit_entries` table's owner. `record` takes the caller's transaction, so an entry
 * exists exactly when its action committed; nothing else writes or reads the table.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entries (actor_id, action, room_id, room_name, target_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorId,
        entry.action,
        entry.room?.id ?? null,
        entry.room?.name ?? entry.roomName ?? null,
        entry.targetId ?? null,
        entry.detail ?? null,
      ],
    );
  }

  /** Newest first; `before` an entry id (a decimal string already validated). */
  async list(before: string | undefined, limit: number): Promise<AuditEntry[]> {
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT a.id::text AS id, a.at, a.action, a.room_name, a.detail,
              actor.id AS actor_id, actor.username AS actor_username,
              target.id AS target_id, target.username AS target_username
         FROM audit_entries a
         JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users target ON target.id = a.target_id
        WHERE $1::bigint IS NULL OR a.id < $1::bigint
        ORDER BY a.id DESC
        LIMIT $2`,
      [before ?? null, limit],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actor_id, username: row.actor_username },
    action: row.action,
    room: row.room_name,
    target:
      row.target_id !== null && row.target_username !== null
        ? { id: row.target_id, username: row.target_username }
        : null,
    detail: row.detail,
  };
}
