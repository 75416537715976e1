/** Socket.IO room names. Room ids, not names, so a deleted and re-created room starts clean. */
export const roomChannel = (roomId: string) => `room:${roomId}`;
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;
export const userChannel = (userId: string) => `user:${userId}`;
export const addressChannel = (address: string) => `address:${address}`;
/** Every socket of the room's members, joined to the room or not (for `room:activity`). */
export const membersChannel = (roomId: string) => `members:${roomId}`;
