import { MAX_BIGINT } from '../common/validation/message-id';

/**
 * One room's messages as a range of `messages_room_id_id_idx`, written as two row comparisons
 * on (room_id, id). With `room_id = … AND id > …` (or `ORDER BY id DESC` for the newest)
 * PostgreSQL may prefer the primary key (ids follow the table's order) and filter every other
 * room's messages: 5.5 s, then 2.8 s, for a member of 50 rooms of 10,000 messages each, against
 * 1–12 ms this way (tools/bench/my-rooms.mjs, docs/performance.md "Memberships (issue 12)").
 * `room_id = … ORDER BY room_id DESC, id DESC` is no way out: the equality makes room_id a
 * constant, the order is `id DESC` again and PostgreSQL 15 walks the primary key (2.2 s). The
 * row comparisons cannot be served by the primary key; both PostgreSQL 15 and the embedded PGlite
 * (18) read them as one index descent per room. Order by `m.room_id, m.id` (either direction) to
 * read the range in index order.
 *
 * `room` and `afterId` are SQL expressions (a parameter or a column), never client text.
 */
export function roomMessagesAfter(room: string, afterId: string): string {
  return `(m.room_id, m.id) > (${room}, ${afterId}) AND (m.room_id, m.id) <= (${room}, ${MAX_BIGINT})`;
}

/** Every message of the room, deleted ones included (see roomMessagesAfter). */
export function roomMessages(room: string): string {
  return roomMessagesAfter(room, '0');
}

/**
 * The newest message id of the room, deleted ones included, 0 when it has none: one backward
 * index descent. The messages module owns the table; the memberships module, below it, places
 * read markers with this.
 */
export function newestMessageIdOf(room: string): string {
  return `COALESCE((
     SELECT m.id FROM messages m WHERE ${roomMessages(room)}
      ORDER BY m.room_id DESC, m.id DESC LIMIT 1), 0)`;
}
