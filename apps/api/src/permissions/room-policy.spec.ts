import { mayInRoom, maySeeRoom, type RoomActor, type RoomAction } from './room-policy';

const member: RoomActor = { siteRole: 'member', roomRole: 'member' };
const moderator: RoomActor = { siteRole: 'member', roomRole: 'moderator' };
const owner: RoomActor = { siteRole: 'member', roomRole: 'owner' };
const admin: RoomActor = { siteRole: 'admin', roomRole: null };
const stranger: RoomActor = { siteRole: 'member', roomRole: null };

describe('maySeeRoom', () => {
  it('shows public rooms to everyone signed in', () => {
    expect(maySeeRoom(stranger, 'public')).toBe(true);
  });

  it('shows a private room to its members and to admins, to nobody else', () => {
    expect(maySeeRoom(member, 'private')).toBe(true);
    expect(maySeeRoom(admin, 'private')).toBe(true);
    expect(maySeeRoom(stranger, 'private')).toBe(false);
  });

  it('keeps a direct room between its two people, admins included', () => {
    expect(maySeeRoom(member, 'direct')).toBe(true);
    expect(maySeeRoom(admin, 'direct')).toBe(false);
    expect(maySeeRoom(stranger, 'direct')).toBe(false);
  });
});

describe('mayInRoom: the contract table', () => {
  const table: [RoomAction, RoomActor, boolean][] = [
    ['message.delete_any', member, false],
    ['message.delete_any', moderator, true],
    ['message.delete_any', owner, true],
    ['message.delete_any', admin, true],
    ['member.remove', member, false],
    ['member.ban', moderator, true],
    ['member.timeout', owner, true],
    ['member.set_role', moderator, false],
    ['member.set_role', owner, true],
    ['member.set_role', admin, true],
    ['room.hand_over', moderator, false],
    ['room.hand_over', owner, true],
    ['room.delete', moderator, false],
    ['room.delete', owner, true],
    ['room.delete', admin, true],
    ['room.delete', stranger, false],
  ];
  it.each(table)('%s by %o in a public room: %s', (action, actor, allowed) => {
    expect(mayInRoom(actor, 'public', action)).toBe(allowed);
  });

  it('lets a moderator act on members, but not on the owner, other moderators or admins', () => {
    expect(mayInRoom(moderator, 'public', 'member.ban', member)).toBe(true);
    expect(mayInRoom(moderator, 'public', 'member.ban', owner)).toBe(false);
    expect(mayInRoom(moderator, 'public', 'member.remove', moderator)).toBe(false);
    expect(
      mayInRoom(moderator, 'public', 'member.timeout', { siteRole: 'admin', roomRole: 'member' }),
    ).toBe(false);
  });

  it('lets the owner and admins act on anyone, and bans reach non-members', () => {
    expect(mayInRoom(owner, 'private', 'member.remove', moderator)).toBe(true);
    expect(mayInRoom(admin, 'private', 'member.ban', owner)).toBe(true);
    expect(mayInRoom(admin, 'public', 'member.timeout', admin)).toBe(true);
    const memberAdmin: RoomActor = { siteRole: 'admin', roomRole: 'member' };
    for (const action of ['member.remove', 'member.ban', 'member.timeout'] as const) {
      expect(mayInRoom(owner, 'public', action, memberAdmin)).toBe(true);
      expect(mayInRoom(owner, 'private', action, admin)).toBe(true);
      expect(mayInRoom(owner, 'public', action, { ...owner, isActor: true })).toBe(false);
      expect(mayInRoom(admin, 'public', action, { ...admin, isActor: true })).toBe(false);
    }
    expect(mayInRoom(moderator, 'public', 'member.ban', stranger)).toBe(true);
  });

  it('moderates nothing in a direct room, not even as an admin', () => {
    for (const action of ['message.delete_any', 'member.add', 'room.delete'] as const) {
      expect(mayInRoom(owner, 'direct', action)).toBe(false);
      expect(mayInRoom({ siteRole: 'admin', roomRole: 'member' }, 'direct', action)).toBe(false);
    }
  });
});
