import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { REACTIONS_PER_MESSAGE_MAX, type Message, type UserSummary } from '@chat/contract';
import { AuditService } from '../audit/audit.service';
import { DomainError, notFound } from '../common/domain-error';
import { RateLimits } from '../limits/rate-limits.service';
import { MentionsService } from '../memberships/mentions.service';
import { RoomTimeoutsService } from '../moderation/room-timeouts.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomAccess } from '../rooms/room-access.service';
import { MessageReader, type RoomRef } from './message-reader';
import { TIMED_OUT } from './message-writer';

interface TargetRow {
  id: string;
  author_id: string;
  content: string;
  deleted: boolean;
}

/**
 * Edits, deletions and reactions. Each runs in one transaction that first takes the room's
 * advisory lock — the lock MessageWriter's INSERT takes — and then draws the message's new `seq`
 * from the messages' id sequence, so within a room every creation and change gets a larger
 * number than everything committed there before it (the one change cursor clients catch up
 * with). `message:updated` goes out only after the commit, and only when something changed.
 * Each counts against the actor's message budget (SEND_BURST, SEND_PER_SECOND).
 */
@Injectable()
export class MessageChanges {
  constructor(
    private readonly db: DataSource,
    private readonly reader: MessageReader,
    private readonly access: RoomAccess,
    private readonly limits: RateLimits,
    private readonly realtime: RealtimePublisher,
    private readonly mentions: MentionsService,
    private readonly audit: AuditService,
    private readonly timeouts: RoomTimeoutsService,
  ) {}

  /**
   * The one edit path: it recomputes the message's mentions, and `mention` goes to the people
   * it newly mentions, after the commit. Same content as stored (after trimming): ok, nothing
   * changes and nothing is broadcast.
   */
  async edit(actor: UserSummary, room: RoomRef, id: string, content: string): Promise<Message> {
    const text = content.trim();
    if (text.length === 0) throw new DomainError('invalid', 'content must not be empty');
    await this.spendSpeaking(actor, room);
    let newlyMentioned: UserSummary[] = [];
    const message = await this.change(
      room,
      async (tx) => {
        const target = await liveTarget(tx, room, id);
        if (target.author_id !== actor.id) {
          throw new DomainError('forbidden', 'only the author can edit a message');
        }
        if (target.content === text) return false;
        await tx.query(
          `UPDATE messages SET content = $2, edited_at = clock_timestamp(), seq = ${NEXT_SEQ}
          WHERE id = $1`,
          [id, text],
        );
        // Mentions follow the new text; only those it newly mentions are told.
        const mentioned = await this.mentions.resolve(room.id, actor.id, text, tx);
        newlyMentioned = await this.mentions.replace(id, room.id, mentioned, tx);
        return true;
      },
      id,
    );
    for (const user of newlyMentioned) {
      this.realtime.emitToUser(user.id, 'mention', { room: room.name, message });
    }
    return message;
  }

  /**
   * Leaves a tombstone: the content is erased, the reactions and mentions go, `id`, author and
   * time stay.
   * The author may, and whoever the permissions module lets delete any message in the room.
   * Already deleted: ok, nothing changes.
   */
  async delete(actor: UserSummary, room: RoomRef, id: string): Promise<Message> {
    await this.spend(actor);
    // Asked before the transaction: no other connection's query runs while one holds the lock.
    const mayDeleteAny = await this.mayDeleteAny(room, actor);
    return this.change(
      room,
      async (tx) => {
        const target = await findTarget(tx, room, id);
        if (target.author_id !== actor.id && !mayDeleteAny) {
          throw new DomainError('forbidden', 'only the author or a moderator can delete a message');
        }
        if (target.deleted) return false;
        await tx.query(
          `UPDATE messages
            SET content = '', deleted_at = clock_timestamp(), deleted_by = $2, seq = ${NEXT_SEQ}
          WHERE id = $1`,
          [id, actor.id],
        );
        await tx.query('DELETE FROM message_reactions WHERE message_id = $1', [id]);
        await this.mentions.forget(id, tx);
        if (target.author_id !== actor.id) {
          await this.audit.record(tx, {
            actorId: actor.id,
            action: 'message.deleted',
            room,
            targetId: target.author_id,
            detail: `message ${id}`,
          });
        }
        return true;
      },
      id,
    );
  }

  /** Adds the actor's emoji (at most 20 distinct per message). Already there: ok, no change. */
  addReaction(actor: UserSummary, room: RoomRef, id: string, emoji: string): Promise<Message> {
    return this.changeReactions(actor, room, id, async (tx) => {
      const [present] = await tx.query<
        { distinct_emoji: number; mine: boolean; emoji_here: boolean }[]
      >(
        `SELECT count(DISTINCT emoji)::int AS distinct_emoji,
                coalesce(bool_or(emoji = $2 AND user_id = $3), false) AS mine,
                coalesce(bool_or(emoji = $2), false) AS emoji_here
           FROM message_reactions WHERE message_id = $1`,
        [id, emoji, actor.id],
      );
      if (present?.mine) return false;
      if (!present?.emoji_here && (present?.distinct_emoji ?? 0) >= REACTIONS_PER_MESSAGE_MAX) {
        throw new DomainError(
          'invalid',
          `a message carries at most ${REACTIONS_PER_MESSAGE_MAX} different emoji`,
        );
      }
      await tx.query(
        'INSERT INTO message_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3)',
        [id, actor.id, emoji],
      );
      return true;
    });
  }

  /** Removes the actor's emoji. Not there: ok, nothing changes. */
  removeReaction(actor: UserSummary, room: RoomRef, id: string, emoji: string): Promise<Message> {
    return this.changeReactions(actor, room, id, async (tx) => {
      // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count].
      const [removed] = await tx.query<{ count: number }[]>(
        `WITH gone AS (
           DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3
           RETURNING 1
         ) SELECT count(*)::int AS count FROM gone`,
        [id, actor.id, emoji],
      );
      return (removed?.count ?? 0) > 0;
    });
  }

  /**
   * A change of a live message's reactions, as a speaking actor: `apply` says whether it changed
   * them, and a change gives the message a new `seq`.
   */
  private async changeReactions(
    actor: UserSummary,
    room: RoomRef,
    id: string,
    apply: (tx: EntityManager) => Promise<boolean>,
  ): Promise<Message> {
    await this.spendSpeaking(actor, room);
    return this.change(
      room,
      async (tx) => {
        await liveTarget(tx, room, id);
        if (!(await apply(tx))) return false;
        await bumpSeq(tx, id);
        return true;
      },
      id,
    );
  }

  private async spend(actor: UserSummary): Promise<void> {
    if (!(await this.limits.take('sends', actor.id)).allowed) {
      throw new DomainError('rate_limited', 'you are sending too fast, slow down');
    }
  }

  /**
   * For an edit or a reaction: the budget, and `forbidden` while the actor is timed out in the
   * room (asked beside the budget, before the room's lock; deleting stays open to them).
   */
  private async spendSpeaking(actor: UserSummary, room: RoomRef): Promise<void> {
    const [until] = await Promise.all([this.timeouts.until(room.id, actor.id), this.spend(actor)]);
    if (until) throw new DomainError('forbidden', TIMED_OUT);
  }

  private mayDeleteAny(room: RoomRef, actor: UserSummary): Promise<boolean> {
    return this.access.allows(room.id, actor.id, 'message.delete_any');
  }

  /**
   * Runs `apply` under the room's lock, then — after the commit, so the lock (which the room's
   * sends wait for too) is held for as few round trips as possible — reads the message as it now
   * is and broadcasts it when `apply` changed it. A change committed in between is read with it:
   * that copy has the larger `seq`, which clients keep anyway.
   */
  private async change(
    room: RoomRef,
    apply: (tx: EntityManager) => Promise<boolean>,
    id: string,
  ): Promise<Message> {
    const changed = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 2))', [room.id]);
      return apply(tx);
    });
    const message = await this.reader.one(room, id);
    if (!message) throw notFound('message');
    if (changed) this.realtime.emitToRoom(room.id, 'message:updated', message);
    return message;
  }
}

/** The next value of the messages' id sequence: the new `seq`, drawn under the room's lock. */
const NEXT_SEQ = `nextval(pg_get_serial_sequence('messages', 'id'))`;

async function bumpSeq(tx: EntityManager, id: string): Promise<void> {
  await tx.query(`UPDATE messages SET seq = ${NEXT_SEQ} WHERE id = $1`, [id]);
}

/** The message in this room, deleted or not; `not_found` when it is not there. */
async function findTarget(tx: EntityManager, room: RoomRef, id: string): Promise<TargetRow> {
  const [row] = await tx.query<TargetRow[]>(
    `SELECT id, author_id, content, deleted_at IS NOT NULL AS deleted
       FROM messages WHERE id = $1 AND room_id = $2`,
    [id, room.id],
  );
  if (!row) throw notFound('message');
  return row;
}

/** As findTarget, but a tombstone is `not_found` too (nothing edits or reacts to one). */
async function liveTarget(tx: EntityManager, room: RoomRef, id: string): Promise<TargetRow> {
  const row = await findTarget(tx, room, id);
  if (row.deleted) throw notFound('message');
  return row;
}
