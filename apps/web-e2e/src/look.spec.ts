import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DESKTOP, enterRoom, PHONE, signUp, uniqueName } from './support/people';
import { messageBox, messageLog, onlineUsers, say, yourRooms } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

apiServerForSpec(5);

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** No WCAG A/AA problem axe-core can find on the page as it is now. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const found = violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe on ${what}`).toEqual([]);
}

test('follows the system light theme, and the switch overrides it across a reload', async ({
  people,
}) => {
  const page = await people.open('sunny');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  expect(await background(page)).toBe('rgb(17, 19, 24)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe('rgb(245, 246, 250)');
  await screenshot(page, 'home-light');

  // The switch: system → light → dark; a choice outlives a reload and the system's preference.
  await page.getByRole('button', { name: 'Theme: as the system' }).click();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  await expect(page.getByRole('button', { name: 'Theme: dark' })).toBeVisible();
  await page.reload();
  expect(await background(page)).toBe('rgb(17, 19, 24)');
  await page.getByRole('button', { name: 'Theme: dark' }).click();
  expect(await background(page)).toBe('rgb(245, 246, 250)');
});

test('the main pages have no accessibility violations, dark and light, with reduced motion honoured', async ({
  people,
}) => {
  const page = await people.open('axe');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.goto('/');
    await expectAccessible(page, `home (${colorScheme})`);
    await page.goto('/login');
    await expectAccessible(page, `login (${colorScheme})`);
    await page.goto('/signup');
    await expectAccessible(page, `signup (${colorScheme})`);
  }
  await signUp(page, uniqueName('axel'));
  await enterRoom(page, uniqueName('audit'));
  await say(page, 'a message with a link: www.example.org');
  await expect(messageLog(page).getByRole('link', { name: 'www.example.org' })).toHaveAttribute(
    'href',
    'https://www.example.org/',
  );
  // Inside a room, "Rooms" is where the reader is.
  await expect(page.getByRole('link', { name: 'Rooms', exact: true }).first()).toHaveAttribute(
    'aria-current',
    'page',
  );
  const spinner = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.className = 'spinner';
    document.body.append(probe);
    const name = getComputedStyle(probe).animationName;
    probe.remove();
    return name;
  });
  expect(spinner).toBe('none');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await expectAccessible(page, `room (${colorScheme})`);
    await page.getByRole('link', { name: 'Rooms', exact: true }).first().click();
    await expectAccessible(page, `rooms (${colorScheme})`);
    await page.goBack();
    await expect(messageLog(page).getByRole('listitem')).toHaveCount(1);
  }
});

test('two people chatting, as they look on a desktop and a phone, dark and light', async ({
  people,
}) => {
  const room = uniqueName('coffee');
  const benName = uniqueName('benedict_the_barista');
  const ana = await people.inRoom('ana', room, { device: DESKTOP });
  const ben = await people.inRoom('ben', room, { device: PHONE, username: benName });
  await say(ana, 'Morning! Coffee at ten?');
  await say(ben, 'Yes — the place on the corner, www.example.org has the menu.');
  await say(ana, 'Perfect.\nI will bring the notes from yesterday.');
  await say(ben, 'See you there');
  for (const page of [ana, ben]) {
    await expect(messageLog(page).getByRole('listitem')).toHaveCount(4);
  }
  // A long name must not push `Message <name>` out of the desktop's narrow online panel.
  const panel = await ana.getByRole('region', { name: /^Online/ }).boundingBox();
  const message = await onlineUsers(ana)
    .getByRole('button', { name: `Message ${benName}` })
    .boundingBox();
  expect(message, 'the Message button is laid out').not.toBeNull();
  expect(panel, 'the online panel is laid out').not.toBeNull();
  const rightEdge = (box: { x: number; width: number } | null) => (box ? box.x + box.width : 0);
  expect(rightEdge(message)).toBeLessThanOrEqual(rightEdge(panel));
  await messageBox(ben).fill('on my way');
  for (const colorScheme of ['dark', 'light'] as const) {
    for (const [page, device] of [
      [ana, 'desktop'],
      [ben, 'phone'],
    ] as const) {
      await page.emulateMedia({ colorScheme });
      await screenshot(page, `chat-${device}-${colorScheme}`);
    }
  }
  await expectAccessible(ben, 'room on a phone');
});

test('the Private checkbox is a small labelled box used from the keyboard; a private room’s sidebar icon is drawn, not an emoji', async ({
  people,
}) => {
  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const page = await people.signedUp(device, { device: options });
    const room = uniqueName('hush');
    await page.getByLabel('Room name').fill(room);
    const checkbox = page.getByRole('checkbox', { name: 'Private' });
    // The text fields' full-width, padded style must not reach it: its own size, beside its word.
    const box = await checkbox.boundingBox();
    expect(box?.width, `checkbox width on a ${device}`).toBeLessThanOrEqual(24);
    expect(box?.height, `checkbox height on a ${device}`).toBeLessThanOrEqual(24);
    const label = await page.locator('label', { has: checkbox }).boundingBox();
    expect(label?.height, `Private on one line on a ${device}`).toBeLessThanOrEqual(32);
    await page.getByRole('button', { name: 'Create room' }).focus();
    await page.keyboard.press('Tab');
    await expect(checkbox).toBeFocused();
    await page.keyboard.press('Space');
    await expect(checkbox).toBeChecked();
    await screenshot(page, `rooms-private-checkbox-${device}`);
    await page.getByRole('button', { name: 'Create room' }).click();
    await expect(page.getByRole('heading', { name: room, level: 1 })).toBeVisible();

    // The Rooms page lists one's private rooms; without an emoji font a 🔒 would be an empty box.
    await page.getByRole('link', { name: 'Rooms', exact: true }).first().click();
    const link = yourRooms(page).getByRole('link', { name: room, exact: true });
    await expect(link).toHaveText(room);
    await expect(link.locator('svg')).toBeVisible();
    await screenshot(page, `rooms-private-icon-${device}`);
  }
});
