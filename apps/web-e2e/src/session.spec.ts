import type { WebSocket } from '@playwright/test';
import { enterRoom, signUp, uniqueName } from './support/people';
import { messageLog, say } from './support/room';
import { apiServerForSpec, expect, test } from './support/test';

// Access tokens of one minute (the shortest the API allows): the SPA renews them at half-life.
apiServerForSpec(7, { JWT_EXPIRES_IN_SECONDS: '60' });

test('the session renews its short-lived token by itself and moves the live socket onto it', async ({
  people,
}) => {
  test.setTimeout(120_000);
  const page = await people.open('renewer');
  const sockets: WebSocket[] = [];
  const sent: string[] = [];
  const received: string[] = [];
  let closed = 0;
  page.on('websocket', (ws) => {
    sockets.push(ws);
    ws.on('framesent', (frame) => sent.push(String(frame.payload)));
    ws.on('framereceived', (frame) => received.push(String(frame.payload)));
    ws.on('close', () => (closed += 1));
  });
  await signUp(page, uniqueName('rene'));
  await enterRoom(page, uniqueName('long-talk'));
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/eyJ/);

  const renewed = await page.waitForResponse(
    (response) => response.url().endsWith('/api/auth/refresh') && response.status() === 200,
    { timeout: 60_000 },
  );
  const { accessToken } = (await renewed.json()) as { accessToken: string };
  // The live socket is told, and the server moves it onto the new token.
  await expect.poll(() => sent.some((frame) => frame.includes('"auth:refresh"'))).toBe(true);
  expect(sent.find((frame) => frame.includes('"auth:refresh"'))).toContain(accessToken);
  await expect.poll(() => received.some((frame) => /"ok":true,"expiresAt"/.test(frame))).toBe(true);

  await say(page, 'still here on the same socket');
  await expect(messageLog(page).getByRole('listitem')).toHaveText([/still here/]);
  expect(sockets).toHaveLength(1);
  expect(closed).toBe(0);
});
