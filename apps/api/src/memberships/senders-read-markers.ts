/**
 * Sending reads the room up to one's own message (the author's other tabs hear `read`). The
 * memberships module owns `room_members`, so it owns this statement too; the message writer only
 * composes it into its batch INSERT, after the rows it inserted, so the marker moves in the same
 * transaction as the message and a send pays no statement of its own. As its own autocommit UPDATE
 * after each send it was one more commit per message: on the embedded database, whose one session
 * runs every statement in turn, it multiplied the chat benchmark's ack p50 by about five
 * (docs/performance.md, "The send's read marker").
 *
 * `inserted` names a CTE with `id`, `room_id` and `author_id`. The statement answers the markers
 * it moved (`last_read_id`): in each room, the newest id each author inserted. A marker only moves
 * forward; a sender who is not a member (a public room written to over REST) has none to move.
 */
export function advanceSendersReadMarkers(inserted: string): string {
  return `UPDATE room_members rm SET last_read_id = newest.id
      FROM (SELECT room_id, author_id, max(id) AS id FROM ${inserted} GROUP BY room_id, author_id)
           AS newest
     WHERE rm.room_id = newest.room_id AND rm.user_id = newest.author_id
       AND rm.last_read_id < newest.id
    RETURNING rm.last_read_id`;
}
