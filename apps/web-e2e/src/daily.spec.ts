import type { WebSocketRoute } from '@playwright/test';
import { enterRoom, signUp, uniqueName } from './support/people';
import { restPerson } from './support/rest';
import { messageBox, messageLog, onlineUsers, say, yourRooms } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

const server = apiServerForSpec(4);
const DAY_MS = 24 * 60 * 60 * 1000;

test('a draft stays in its room: it waits there across a switch and a reload, and is never posted elsewhere', async ({
  people,
}) => {
  const page = await people.signedUp('drafter', { username: uniqueName('dora') });
  const design = uniqueName('design-crit');
  const kbd = uniqueName('kbd-room');
  await enterRoom(page, kbd);
  await enterRoom(page, design);
  // Entering a room puts the cursor in its box: no Tab through the sidebar first.
  await expect(messageBox(page)).toBeFocused();
  await page.keyboard.type('a private remark about the mock-ups');

  await yourRooms(page).getByRole('link', { name: kbd, exact: true }).click();
  await expect(page.getByRole('heading', { name: kbd, level: 1 })).toBeVisible();
  await expect(messageBox(page)).toHaveValue('');
  await messageBox(page).press('Enter');
  await say(page, 'hello keyboards');
  await expect(messageLog(page).getByRole('listitem')).toHaveText([/hello keyboards/]);

  await yourRooms(page).getByRole('link', { name: design, exact: true }).click();
  await expect(messageBox(page)).toHaveValue('a private remark about the mock-ups');
  await page.reload();
  await expect(messageBox(page)).toHaveValue('a private remark about the mock-ups');
  await messageBox(page).press('Enter');
  await expect(messageLog(page).getByRole('listitem')).toHaveText([/a private remark/]);

  await yourRooms(page).getByRole('link', { name: kbd, exact: true }).click();
  await expect(messageLog(page).getByRole('listitem')).toHaveText([/hello keyboards/]);
  await expect(messageBox(page)).toHaveValue('');
});

test('offline shows within 5 s; a message written offline survives a reload and arrives exactly once', async ({
  consoleWatch,
  people,
}) => {
  // The socket is held off on purpose after the reload; the browser reports those attempts.
  consoleWatch.allow(/WebSocket connection to .* failed|net::ERR_FAILED|ERR_INTERNET_DISCONNECTED/);
  const room = uniqueName('tunnel');
  const writer = await people.open('writer');
  // The writer's sockets go through a route from the first page on, so the test can cut the one
  // that is open: the browser's offline switch leaves an open WebSocket alone, and a message
  // could leave through it the moment the browser is back online, before the reload.
  let socketBlocked = false;
  const openSockets: WebSocketRoute[] = [];
  await writer.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (socketBlocked) {
      void ws.close();
      return;
    }
    ws.connectToServer();
    openSockets.push(ws);
  });
  await writer.route('**/socket.io/**', (route) =>
    socketBlocked ? route.abort() : route.continue(),
  );
  await signUp(writer, uniqueName('wendy'));
  await enterRoom(writer, room);
  const reader = await people.inRoom('reader', room, { username: uniqueName('rita') });
  await expect(onlineUsers(writer).getByRole('listitem')).toHaveCount(2);

  await writer.context().setOffline(true);
  await expect(writer.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible({
    timeout: 5_000,
  });
  await expect(writer.getByText('Not known while disconnected.')).toBeVisible();
  await say(writer, 'written in the tunnel');
  const pending = messageLog(writer).getByRole('listitem').last();
  await expect(pending).toContainText('Waiting for connection');
  await expect(pending).not.toContainText('Not sent');
  await screenshot(writer, 'room-offline');

  // Back online, but the socket cannot get through: the page is reloaded with the message only
  // in IndexedDB.
  socketBlocked = true;
  for (const ws of openSockets.splice(0)) await ws.close();
  await writer.context().setOffline(false);
  await writer.reload();
  await expect(messageLog(writer).getByRole('listitem').last()).toContainText(
    'written in the tunnel',
  );
  await expect(messageLog(writer).getByRole('listitem').last()).toContainText(
    'Waiting for connection',
  );
  await expect(messageLog(reader).getByText('written in the tunnel')).toHaveCount(0);

  socketBlocked = false;
  await expect(messageLog(reader).getByText('written in the tunnel')).toHaveCount(1, {
    timeout: 20_000,
  });
  await expect(messageLog(writer).getByText('Waiting for connection')).toHaveCount(0);
  await expect(messageLog(writer).getByText('written in the tunnel')).toHaveCount(1);
  for (const page of [writer, reader]) {
    await page.reload();
    await expect(messageLog(page).getByRole('listitem')).toHaveText([/written in the tunnel/]);
  }
});

test('a connection that goes silent (no offline event) shows as lost within a few seconds', async ({
  people,
}) => {
  const page = await people.open('silent');
  // The socket runs through the test, which can stop passing on what the server sends: the
  // browser sees no offline event and no closed connection, only pings that stop coming.
  let silent = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    upstream.onMessage((message) => {
      if (!silent) ws.send(message);
    });
  });
  await signUp(page, uniqueName('sid'));
  await enterRoom(page, uniqueName('quiet-line'));
  await expect(onlineUsers(page).getByRole('listitem')).toHaveCount(1);

  silent = true;
  // Socket.IO's default heartbeat would take up to 45 s; the API's is 2.5 s + 2.5 s.
  await expect(page.getByRole('status').filter({ hasText: 'Connection lost' })).toBeVisible({
    timeout: 8_000,
  });
  await say(page, 'sent into the silence');
  await expect(messageLog(page).getByRole('listitem').last()).toContainText(
    'Waiting for connection',
  );

  silent = false;
  await expect(page.getByRole('status').filter({ hasText: 'Connection lost' })).toBeHidden({
    timeout: 20_000,
  });
  await expect(messageLog(page).getByText('Waiting for connection')).toHaveCount(0);
  await page.reload();
  await expect(messageLog(page).getByRole('listitem')).toHaveText([/sent into the silence/]);
});

test('day separators say Today, Yesterday, then the date, and the full time shows on focus', async ({
  people,
}) => {
  const page = await people.inRoom('clock', uniqueName('calendar'), {
    username: uniqueName('clara'),
  });
  await say(page, 'said today');
  const log = messageLog(page);
  await expect(log.getByRole('separator', { name: 'Today' })).toBeVisible();

  const now = Date.now();
  await page.clock.setFixedTime(now + DAY_MS);
  await page.reload();
  await expect(log.getByRole('listitem')).toHaveText([/said today/]);
  await expect(log.getByRole('separator', { name: 'Yesterday' })).toBeVisible();

  await page.clock.setFixedTime(now + 3 * DAY_MS);
  await page.reload();
  const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long' }).format(now);
  const separator = log.getByRole('separator');
  await expect(separator).toHaveAccessibleName(new RegExp(`^${weekday}, `));
  await expect(separator).toHaveAccessibleName(new RegExp(String(new Date(now).getDate())));

  // The log is one Tab stop; the arrows move through its messages, and a focused message shows
  // its full date and time.
  await page.getByRole('region', { name: 'Conversation' }).focus();
  await page.keyboard.press('ArrowUp');
  const message = log.getByRole('listitem').first();
  await expect(message).toBeFocused();
  const tooltip = await message
    .locator('time')
    .evaluate((time) => getComputedStyle(time, '::after').content);
  expect(tooltip).toContain(String(new Date(now).getFullYear()));
  await screenshot(page, 'room-day-separator');
});

test('scrolled up, new messages show a bar that jumps to the present', async ({ people }) => {
  const room = uniqueName('history');
  const page = await people.inRoom('scroller', room, { username: uniqueName('sara') });
  const other = await restPerson(server.url, uniqueName('otto'));
  // Within the send budget's burst; three lines each, so the history is taller than the view.
  for (let i = 1; i <= 20; i += 1) {
    await other.say(room, `old line ${String(i).padStart(2, '0')}\nand more\nand more`);
  }
  const log = messageLog(page);
  await expect(log.getByRole('listitem')).toHaveCount(20);
  await expect(page.getByRole('button', { name: 'Jump to present' })).toHaveCount(0);

  await log.getByRole('listitem').first().scrollIntoViewIfNeeded();
  await other.say(room, 'news from below');
  await expect(page.getByText('1 new message ↓')).toBeVisible();
  await expect(log.getByText('news from below')).not.toBeInViewport();
  await screenshot(page, 'room-jump-bar');

  await page.getByRole('button', { name: 'Jump to present' }).click();
  await expect(log.getByText('news from below')).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Jump to present' })).toHaveCount(0);

  // The reading position of a room is kept when switching away and back.
  await log.getByText('old line 05').scrollIntoViewIfNeeded();
  await enterRoom(page, uniqueName('elsewhere'));
  await yourRooms(page).getByRole('link', { name: room, exact: true }).click();
  await expect(log.getByText('old line 05')).toBeInViewport();
  await expect(log.getByText('news from below')).not.toBeInViewport();
});
