// @ts-check
// The floor for the chat workload: a Socket.IO server speaking the same `/chat` events as the API
// (same acks, same broadcast, `room:activity` to members not joined) with no auth, no validation
// and no database. Whatever the API costs
// above this is the price of its features.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 3201);
const MAX_PAYLOAD_BYTES = 64 * 1024;
const startedAt = new Date().toISOString();
const owner = { id: randomUUID(), username: 'bare' };
let lastMessageId = 0n;

const http = createServer((req, res) => {
  const healthy = req.url === '/api/health';
  res.writeHead(healthy ? 200 : 404, { 'content-type': 'application/json' });
  res.end(healthy ? '{"status":"ok"}' : '{"statusCode":404}');
});
const io = new Server(http, { transports: ['websocket'], maxHttpBufferSize: MAX_PAYLOAD_BYTES });
const chat = io.of('/chat');

/** @param {string} name */
const roomOf = (name) => ({
  id: name,
  name,
  createdAt: startedAt,
  owner,
  onlineCount: chat.adapter.rooms.get(name)?.size ?? 0,
});

/** @typedef {(res: object) => void} AckFn */
/** @param {unknown} ack @returns {AckFn} */
const ackOf = (ack) => (typeof ack === 'function' ? /** @type {AckFn} */ (ack) : () => undefined);

/** A room's members who are not joined to it hear of its messages, as from the API. */
const memberChannel = (/** @type {string} */ room) => `members:${room}`;
/** @type {Map<string, { pending?: string }>} rooms announced within the last second */
const activityWindows = new Map();

/**
 * `room:activity` as the API folds it: the first message at once, those of the following second
 * in one event naming the newest, sent when the second is over.
 * @param {string} room @param {string} id
 */
function announceActivity(room, id) {
  const window = activityWindows.get(room);
  if (window) {
    window.pending = id;
    return;
  }
  chat.to(memberChannel(room)).except(room).emit('room:activity', { room, lastMessageId: id });
  activityWindows.set(room, {});
  setTimeout(() => {
    const pending = activityWindows.get(room)?.pending;
    activityWindows.delete(room);
    if (pending) announceActivity(room, pending);
  }, 1000).unref();
}

chat.on('connection', (socket) => {
  const user = { id: socket.id, username: `u${socket.id.slice(0, 8)}` };
  // The API subscribes a socket to its user's memberships at connect; here the client names them.
  const memberships = /** @type {{ memberships?: unknown }} */ (socket.handshake.auth).memberships;
  if (Array.isArray(memberships)) {
    void socket.join(memberships.map((room) => memberChannel(String(room))));
  }

  socket.on('room:join', (/** @type {{room: string}} */ payload, ack) => {
    // Joining makes a member, who stays one after leaving (as on the API).
    void socket.join([payload.room, memberChannel(payload.room)]);
    const presence = { room: payload.room, online: [], count: 0 };
    ackOf(ack)({
      ok: true,
      room: roomOf(payload.room),
      presence,
      missed: [],
      missedMore: false,
      changed: [],
      changedMore: false,
    });
  });

  socket.on('room:leave', (/** @type {{room: string}} */ payload, ack) => {
    void socket.leave(payload.room);
    ackOf(ack)({ ok: true });
  });

  /** A message as the API shapes one (v2 fields included), drawing the next id as its seq. */
  const shape = (/** @type {{room: string, content: string}} */ p, /** @type {string} */ id) => {
    lastMessageId += 1n;
    return {
      id: id || lastMessageId.toString(),
      room: p.room,
      author: user,
      content: p.content,
      createdAt: new Date().toISOString(),
      clientId: null,
      seq: lastMessageId.toString(),
      editedAt: null,
      deleted: false,
      replyTo: null,
      reactions: [],
      mentions: [],
    };
  };

  socket.on(
    'message:send',
    (
      /** @type {{room: string, content: string, clientId?: string, replyTo?: string}} */ p,
      ack,
    ) => {
      const message = { ...shape(p, ''), clientId: p.clientId ?? null };
      if (p.replyTo) {
        message.replyTo = { id: p.replyTo, author: user, content: '', deleted: false };
      }
      ackOf(ack)({ ok: true, message });
      chat.to(p.room).emit('message:new', message);
      announceActivity(p.room, message.id);
    },
  );

  // The mixed scenario's changes: acked with the message, broadcast as `message:updated`.
  socket.on('message:edit', (/** @type {{room: string, id: string, content: string}} */ p, ack) => {
    const message = { ...shape(p, p.id), editedAt: new Date().toISOString() };
    ackOf(ack)({ ok: true, message });
    chat.to(p.room).emit('message:updated', message);
  });

  socket.on(
    'reaction:add',
    (/** @type {{room: string, messageId: string, emoji: string}} */ p, ack) => {
      const message = {
        ...shape({ room: p.room, content: '' }, p.messageId),
        reactions: [{ emoji: p.emoji, count: 1, users: [user] }],
      };
      ackOf(ack)({ ok: true, message });
      chat.to(p.room).emit('message:updated', message);
    },
  );

  socket.on('typing', (/** @type {{room: string}} */ payload, ack) => {
    socket.to(payload.room).emit('typing', { room: payload.room, user });
    ackOf(ack)({ ok: true });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`bare server on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
