import {
  apiServerForSpec,
  enterRoom,
  expect,
  messageBox,
  messageLog,
  openPerson,
  overflowsHorizontally,
  say,
  screenshot,
  signUp,
  test,
  uniqueName,
} from './fixtures';

const server = apiServerForSpec(3);
const PHONE = { width: 390, height: 844 };

test('every page fits a 390px-wide phone without sideways scrolling', async ({
  browser,
  consoleWatch,
}) => {
  const page = await openPerson(browser, server.url, consoleWatch, 'phone', PHONE);
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

test('the room can be used with the keyboard alone', async ({ browser, consoleWatch }) => {
  const page = await openPerson(browser, server.url, consoleWatch, 'keys');
  await signUp(page, uniqueName('gus'));
  const room = uniqueName('kbd');
  await page.getByLabel('Room name').focus();
  await page.keyboard.type(room);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: room, level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).focus();
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
