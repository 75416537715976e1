import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DESKTOP, enterRoom, PHONE, signUp, uniqueName } from './support/people';
import { messageBox, messageLog, say } from './support/room';
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
  const ana = await people.inRoom('ana', room, { device: DESKTOP });
  const ben = await people.inRoom('ben', room, { device: PHONE });
  await say(ana, 'Morning! Coffee at ten?');
  await say(ben, 'Yes — the place on the corner, www.example.org has the menu.');
  await say(ana, 'Perfect.\nI will bring the notes from yesterday.');
  await say(ben, 'See you there');
  for (const page of [ana, ben]) {
    await expect(messageLog(page).getByRole('listitem')).toHaveCount(4);
  }
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
