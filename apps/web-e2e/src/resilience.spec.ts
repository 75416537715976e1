import { uniqueName } from './support/people';
import { messageBox, messageLog, onlineUsers, say } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

const server = apiServerForSpec(2);

test('the API restarts mid-conversation and no message is lost or doubled', async ({
  consoleWatch,
  people,
}) => {
  // While the server is down the browser reports the refused connections; nothing else may fail.
  consoleWatch.allow(/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|status of 50[23]/);
  const room = uniqueName('ops');
  const alice = await people.inRoom('alice', room);
  const bob = await people.inRoom('bob', room);
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveCount(2);

  await say(alice, 'before the restart');
  await expect(messageLog(bob).getByRole('listitem')).toHaveCount(1);

  await server.stop();
  for (const page of [alice, bob]) {
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible();
  }
  // Who is online cannot be known while the connection is down.
  await expect(alice.getByText('Not known while disconnected.')).toBeVisible();
  await say(alice, 'written while the server was down');
  await expect(messageLog(alice).getByRole('listitem').last()).toContainText(
    'Waiting for connection',
  );
  // The banner above the room must not push the box to write in off the screen.
  await expect(messageBox(alice)).toBeInViewport({ ratio: 1 });
  await screenshot(alice, 'room-reconnecting');

  await server.start();
  await expect(alice.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeHidden({
    timeout: 30_000,
  });
  await expect(messageLog(bob).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText(
    'written while the server was down',
  );
  await expect(messageLog(alice).getByText('Waiting for connection')).toHaveCount(0);

  await say(bob, 'after the restart');
  await expect(messageLog(alice).getByRole('listitem')).toHaveCount(3);
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveCount(2);

  for (const page of [alice, bob]) {
    await page.reload();
    await expect(messageLog(page).getByRole('listitem')).toHaveText([
      /before the restart/,
      /written while the server was down/,
      /after the restart/,
    ]);
  }
});

test('a revoked session leads to Log in with an explanation', async ({ people }) => {
  const page = await people.inRoom('erin', uniqueName('quiet'));
  // No script can read the page's token (memory only, refresh cookie HttpOnly): nothing of the
  // session is in the page's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ/);
  // Ends the session behind the page's back, as a logout elsewhere would: a token of the same
  // session (from the cookie, as the page's own) is logged out.
  const status = await page.evaluate(async () => {
    const refreshed = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const response = await fetch('/api/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    return response.status;
  });
  expect(status).toBe(204);
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  await expect(page.getByRole('banner')).toContainText('anonymous');
  await screenshot(page, 'login-session-ended');
});
