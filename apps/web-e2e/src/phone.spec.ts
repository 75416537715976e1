import { enterRoom, PHONE, signUp, uniqueName } from './support/people';
import { messageBox, messageLog, onlineUsers, say } from './support/room';
import { overflowsHorizontally, screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

apiServerForSpec(3);

test('every page fits a 390px-wide phone without sideways scrolling', async ({ people }) => {
  const page = await people.open('phone', PHONE);
  await page.goto('/');
  expect(await overflowsHorizontally(page)).toBe(false);
  await screenshot(page, 'phone-home');

  await page.goto('/login');
  expect(await overflowsHorizontally(page)).toBe(false);
  await screenshot(page, 'phone-login');

  const name = uniqueName('frankie_long_name');
  await signUp(page, name);
  expect(await overflowsHorizontally(page)).toBe(false);

  const room = uniqueName('a-room-with-a-rather-long-name');
  await enterRoom(page, room);
  await say(page, 'A long line without spaces: ' + 'x'.repeat(300));
  await say(page, 'https://example.invalid/' + 'very/long/path/'.repeat(20));
  await say(page, 'short one');
  await expect(messageLog(page).getByRole('listitem')).toHaveCount(3);
  const link = messageLog(page).getByRole('link', { name: /^https:\/\/example\.invalid\// });
  await expect(link).toHaveAttribute('href', /^https:\/\/example\.invalid\/very\/long\//);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  // A room name would be cut off in the phone's narrow box; the label still says Message.
  await expect(messageBox(page)).toHaveAttribute('placeholder', 'Message');
  expect(await overflowsHorizontally(page)).toBe(false);
  // Long history scrolls inside the list; the box to write in stays on screen.
  await expect(messageBox(page)).toBeInViewport({ ratio: 1 });
  await expect(messageLog(page).getByRole('listitem').last()).toBeInViewport();
  await screenshot(page, 'phone-room');

  await page.getByRole('link', { name: 'Rooms', exact: true }).click();
  await expect(page.getByRole('link', { name: room, exact: true })).toBeVisible();
  expect(await overflowsHorizontally(page)).toBe(false);
  await screenshot(page, 'phone-rooms');
});

test('on a phone: the room switcher is one tap away, Enter makes a second line, Send sends', async ({
  people,
}) => {
  const page = await people.signedUp('thumb', { username: uniqueName('tess'), device: PHONE });
  const first = uniqueName('bus-stop');
  // The longest name a room may have: its card and its header must still fit the screen.
  const longest = `${uniqueName('l')}-`.padEnd(64, 'x');
  await enterRoom(page, first);
  await enterRoom(page, longest);
  expect(await overflowsHorizontally(page)).toBe(false);
  // The count of people online is said once (in the strip above the chat), not twice.
  await expect(page.getByText('1 online').filter({ visible: true })).toHaveCount(0);
  await expect(onlineUsers(page)).toBeVisible();

  const switcher = page.getByRole('button', { name: 'Switch room' });
  await expect(switcher).toBeInViewport();
  await switcher.tap();
  const drawer = page.getByRole('dialog', { name: 'Switch room' });
  await expect(drawer.getByRole('navigation', { name: 'Your rooms' })).toBeVisible();
  // Fully slid in (it slides in from the left).
  await expect(drawer).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'phone-room-switcher');
  await drawer.getByRole('link', { name: first, exact: true }).tap();
  await expect(page.getByRole('heading', { name: first, level: 1 })).toBeVisible();
  await expect(drawer).toBeHidden();

  // Entering a room on a phone does not throw the keyboard over the conversation.
  await expect(messageBox(page)).not.toBeFocused();
  await messageBox(page).tap();
  const oneLineHeight = await messageBox(page).evaluate((box) => box.clientHeight);
  await page.keyboard.type('first line');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second line');
  await expect(messageBox(page)).toHaveValue('first line\nsecond line');
  await expect(messageLog(page).getByRole('listitem')).toHaveCount(0);
  // The box grows with its text.
  expect(await messageBox(page).evaluate((box) => box.clientHeight)).toBeGreaterThan(oneLineHeight);
  await page.getByRole('button', { name: 'Send', exact: true }).tap();
  await expect(messageLog(page).getByRole('listitem')).toHaveCount(1);
  await expect(messageLog(page).getByRole('listitem')).toContainText('first line\nsecond line');
  await expect(messageBox(page)).toHaveValue('');
  expect(await overflowsHorizontally(page)).toBe(false);

  await page.getByRole('link', { name: 'Rooms', exact: true }).tap();
  await expect(page.getByRole('link', { name: longest, exact: true })).toBeVisible();
  expect(await overflowsHorizontally(page)).toBe(false);
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: longest }) });
  const fits = await card.evaluate((item) => item.scrollWidth <= item.clientWidth);
  expect(fits).toBe(true);
});

test('the room can be used with the keyboard alone', async ({ people }) => {
  const page = await people.signedUp('keys', { username: uniqueName('gus') });
  const room = uniqueName('kbd');
  await page.getByLabel('Room name').focus();
  await page.keyboard.type(room);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: room, level: 1 })).toBeVisible();
  // The box has the focus as the room opens.
  await expect(messageBox(page)).toBeFocused();
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(messageLog(page).getByRole('listitem')).toHaveCount(1);

  await page.keyboard.press('Shift+Tab');
  const focusedOutline = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? getComputedStyle(el).outlineStyle : 'none';
  });
  expect(focusedOutline).not.toBe('none');
});
