import {
  apiServerForSpec,
  enterRoom,
  expect,
  messageBox,
  messageLog,
  onlineUsers,
  openPerson,
  say,
  screenshot,
  signUp,
  test,
  uniqueName,
} from './fixtures';

const server = apiServerForSpec(2);

test('the API restarts mid-conversation and no message is lost or doubled', async ({
  browser,
  consoleWatch,
}) => {
  // While the server is down the browser reports the refused connections; nothing else may fail.
  consoleWatch.allow(/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|status of 50[23]/);
  const room = uniqueName('ops');
  const alice = await openPerson(browser, server.url, consoleWatch, 'alice');
  const bob = await openPerson(browser, server.url, consoleWatch, 'bob');
  await signUp(alice, uniqueName('alice'));
  await enterRoom(alice, room);
  await signUp(bob, uniqueName('bob'));
  await enterRoom(bob, room);
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveCount(2);

  await say(alice, 'before the restart');
  await expect(messageLog(bob).getByRole('listitem')).toHaveCount(1);

  await server.stop();
  await expect(alice.getByText('reconnecting…', { exact: true })).toBeVisible();
  await expect(bob.getByRole('status').filter({ hasText: 'reconnecting' })).toBeVisible();
  await say(alice, 'written while the server was down');
  await expect(messageLog(alice).getByRole('listitem').last()).toContainText(
    'Waiting for the connection',
  );
  // The banner above the room must not push the box to write in off the screen.
  await expect(messageBox(alice)).toBeInViewport({ ratio: 1 });
  await screenshot(alice, 'room-reconnecting');

  await server.start();
  await expect(alice.getByText('reconnecting…', { exact: true })).toBeHidden({ timeout: 30_000 });
  await expect(messageLog(bob).getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText(
    'written while the server was down',
  );
  await expect(messageLog(alice).getByText('Waiting for the connection')).toHaveCount(0);

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

test('a revoked session leads to Log in with an explanation', async ({ browser, consoleWatch }) => {
  const page = await openPerson(browser, server.url, consoleWatch, 'erin');
  await signUp(page, uniqueName('erin'));
  await enterRoom(page, uniqueName('quiet'));
  // Ends this token's session behind the page's back, as a logout elsewhere or an admin would.
  const status = await page.evaluate(async () => {
    const session = JSON.parse(localStorage.getItem('minicord.session') ?? '{}') as {
      accessToken?: string;
    };
    const response = await fetch('/api/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.accessToken ?? ''}` },
    });
    return response.status;
  });
  expect(status).toBe(204);
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  await expect(page.getByRole('banner')).toContainText('anonymous');
  await screenshot(page, 'login-session-ended');
});
