/**
 * Who may do what to whom in a room: the contract's permission table ("v2 · Moderation and
 * administration") as pure functions. Services ask these; nothing else decides, so a route and
 * the matching socket event can never disagree.
 *
 * Roles are ranked with gaps between them (as Zulip does) so a role that comes later slots in
 * without renumbering.
 */

export type SiteRole = 'admin' | 'member';
export type RoomRole = 'owner' | 'moderator' | 'member';
export type RoomKind = 'public' | 'private' | 'direct';

/** The caller as a room sees them: their account's role and their membership (null: none). */
export interface RoomActor {
  siteRole: SiteRole;
  roomRole: RoomRole | null;
}

/** The person an action is done to, as the room sees them; `isActor` when that is the actor. */
export interface RoomTarget extends RoomActor {
  isActor?: boolean;
}

export type RoomAction =
  | 'message.delete_any'
  | 'member.add'
  | 'member.remove'
  | 'member.ban'
  | 'member.timeout'
  | 'member.set_role'
  | 'room.hand_over'
  | 'room.delete';

const ROOM_RANK: Record<RoomRole, number> = { member: 100, moderator: 200, owner: 300 };

/** The rank an action needs in the room; an admin stands above every room rank. */
const NEEDED_RANK: Record<RoomAction, number> = {
  'message.delete_any': ROOM_RANK.moderator,
  'member.add': ROOM_RANK.moderator,
  'member.remove': ROOM_RANK.moderator,
  'member.ban': ROOM_RANK.moderator,
  'member.timeout': ROOM_RANK.moderator,
  'member.set_role': ROOM_RANK.owner,
  'room.hand_over': ROOM_RANK.owner,
  'room.delete': ROOM_RANK.owner,
};

/**
 * Actions done to another person. A moderator may not do them to the owner, other moderators or
 * admins; the owner may do them to anyone in the room but the owner (an admin included); an
 * admin to anyone.
 */
const ACTIONS_ON_A_PERSON: ReadonlySet<RoomAction> = new Set<RoomAction>([
  'member.remove',
  'member.ban',
  'member.timeout',
]);

const ADMIN_RANK = 1000;

function rank(actor: RoomActor, kind: RoomKind): number {
  // Direct rooms are private to their two people: an admin has no standing there.
  if (actor.siteRole === 'admin' && kind !== 'direct') return ADMIN_RANK;
  return actor.roomRole === null ? 0 : ROOM_RANK[actor.roomRole];
}

/**
 * Whether the room exists for this caller at all. Public rooms are seen by everyone signed in;
 * private ones by their members and admins; direct ones by their two people only.
 */
export function maySeeRoom(actor: RoomActor, kind: RoomKind): boolean {
  if (kind === 'public') return true;
  if (actor.roomRole !== null) return true;
  return kind === 'private' && actor.siteRole === 'admin';
}

/**
 * Whether `actor` may do `action` in a room of `kind` (to `target`, for actions on a person).
 * Nobody moderates a direct room, deletes it or changes who is in it: it holds exactly its two
 * people, and only authors delete messages there.
 */
export function mayInRoom(
  actor: RoomActor,
  kind: RoomKind,
  action: RoomAction,
  target?: RoomTarget,
): boolean {
  if (kind === 'direct') return false;
  const actorRank = rank(actor, kind);
  if (actorRank < NEEDED_RANK[action]) return false;
  // Nobody removes, bans or times out themselves (members leave; the owner hands over first).
  if (target?.isActor && ACTIONS_ON_A_PERSON.has(action)) return false;
  if (target !== undefined && ACTIONS_ON_A_PERSON.has(action) && actorRank < ADMIN_RANK) {
    // The owner: on anyone in the room but the owner (an admin member included).
    if (actorRank >= ROOM_RANK.owner) return target.roomRole !== 'owner';
    return rank(target, kind) < ROOM_RANK.moderator;
  }
  return true;
}
