import request from 'supertest';
import type { Message } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  emitWithAck,
  joinRoom,
  postMessage,
  signup,
} from './support/factories';
import { useApp } from './support/suite';

/** Edits, deletions and reactions share the sender's message budget with sends. */
describe('the message budget covers changes (SEND_BURST=4, next token in 1000 s)', () => {
  const t = useApp({ SEND_BURST: '4', SEND_PER_SECOND: '0.001' });

  it('counts a send, an edit, a reaction and a deletion, then refuses each kind over REST and socket', async () => {
    const [spender, other] = await Promise.all([signup(t.url), signup(t.url)]);
    const room = await createRoom(t.url, spender.token);
    const target = await postMessage(t.url, other.token, room.name, 'react here');
    const base = `/api/rooms/${room.name}/messages`;
    const own = await postMessage(t.url, spender.token, room.name, 'mine'); // 1
    await request(t.url)
      .patch(`${base}/${own.id}`)
      .set(bearer(spender.token))
      .send({ content: 'mine, edited' })
      .expect(200); // 2
    await request(t.url)
      .put(`${base}/${target.id}/reactions/${encodeURIComponent('👍')}`)
      .set(bearer(spender.token))
      .expect(200); // 3
    const spare = await postMessage(t.url, spender.token, room.name, 'spare'); // 4

    expectApiError(
      await request(t.url)
        .patch(`${base}/${own.id}`)
        .set(bearer(spender.token))
        .send({ content: 'again' }),
      429,
    );
    expectApiError(
      await request(t.url).delete(`${base}/${spare.id}`).set(bearer(spender.token)),
      429,
    );
    expectApiError(
      await request(t.url)
        .put(`${base}/${target.id}/reactions/${encodeURIComponent('🎉')}`)
        .set(bearer(spender.token)),
      429,
    );
    expectApiError(
      await request(t.url)
        .delete(`${base}/${target.id}/reactions/${encodeURIComponent('👍')}`)
        .set(bearer(spender.token)),
      429,
    );

    const socket = await t.open(spender.token);
    await joinRoom(socket, room.name);
    for (const ack of [
      await emitWithAck(socket, 'message:edit', { room: room.name, id: own.id, content: 'x' }),
      await emitWithAck(socket, 'message:delete', { room: room.name, id: spare.id }),
      await emitWithAck(socket, 'reaction:add', {
        room: room.name,
        messageId: target.id,
        emoji: '🎉',
      }),
      await emitWithAck(socket, 'reaction:remove', {
        room: room.name,
        messageId: target.id,
        emoji: '👍',
      }),
    ]) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    }

    // Nothing of the refused changes happened; the other user's budget is untouched.
    const stored = await request(t.url)
      .get(`/api/rooms/${room.name}/changes?after=0`)
      .set(bearer(other.token));
    const byId = new Map((stored.body as Message[]).map((m) => [m.id, m]));
    expect(byId.get(own.id)?.content).toBe('mine, edited');
    expect(byId.get(spare.id)?.deleted).toBe(false);
    expect(byId.get(target.id)?.reactions.map((r) => r.emoji)).toEqual(['👍']);
    await request(t.url)
      .patch(`${base}/${target.id}`)
      .set(bearer(other.token))
      .send({ content: 'still mine to edit' })
      .expect(200);
  });
});
