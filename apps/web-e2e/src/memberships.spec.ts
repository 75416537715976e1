import AxeBuilder from '@axe-core/playwright';
import { enterRoom, signUp, uniqueName } from './support/people';
import { restPerson } from './support/rest';
import { messageBox, messageLog, onlineUsers, say, yourRooms } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

const server = apiServerForSpec(12);

test('a direct message from the online list: bold in the other person’s sidebar until read', async ({
  people,
}) => {
  const aliceName = uniqueName('alice');
  const bobName = uniqueName('bob');
  const room = uniqueName('lobby');
  const alice = await people.inRoom('alice', room, { username: aliceName });
  const bob = await people.inRoom('bob', room, { username: bobName });
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveCount(2);

  await onlineUsers(alice)
    .getByRole('button', { name: `Message ${bobName}` })
    .click();
  await expect(alice.getByRole('heading', { name: bobName, level: 1 })).toBeVisible();
  await say(alice, 'psst, just between us');

  const link = yourRooms(bob).getByRole('link', { name: `${aliceName}, unread`, exact: true });
  await expect(link).toBeVisible();
  await screenshot(bob, 'sidebar-unread-direct');
  await link.click();
  await expect(bob.getByRole('heading', { name: aliceName, level: 1 })).toBeVisible();
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText('psst, just between us');
  await expect(yourRooms(bob).getByRole('link', { name: aliceName, exact: true })).toBeVisible();
});

test('a private room: invisible to a third person; the owner adds and removes a member, whose tab says so', async ({
  consoleWatch,
  people,
}) => {
  const memberName = uniqueName('mia');
  const room = uniqueName('secret');
  // The third person's visit to the private room's address is answered 404 on purpose.
  consoleWatch.allow(/status of 404/);

  const owner = await people.signedUp('owner', { username: uniqueName('olga') });
  await owner.getByLabel('Room name').fill(room);
  await owner.getByLabel('Private').check();
  await owner.getByRole('button', { name: 'Create room' }).click();
  await expect(owner.getByRole('heading', { name: room, level: 1 })).toBeVisible();

  const third = await people.signedUp('third', { username: uniqueName('tom') });
  await expect(third.getByRole('link', { name: room, exact: true })).toHaveCount(0);
  await third.goto(`/rooms/${room}`);
  await expect(third.getByText(`The room #${room} does not exist.`)).toBeVisible();

  const member = await people.signedUp('member', { username: memberName });
  await owner.getByRole('button', { name: 'Members' }).click();
  const members = owner.getByRole('region', { name: 'Members' });
  await members.getByLabel('Add member').fill(memberName);
  await members.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(members.getByRole('button', { name: `Remove ${memberName}` })).toBeVisible();
  await screenshot(owner, 'members-panel');

  await yourRooms(member).getByRole('link', { name: room, exact: true }).click();
  await expect(member.getByRole('heading', { name: room, level: 1 })).toBeVisible();
  await expect(member.getByRole('button', { name: 'Leave room' })).toBeVisible();

  await members.getByRole('button', { name: `Remove ${memberName}` }).click();
  await expect(member.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(member.getByRole('alert')).toContainText(`You were removed from #${room}.`);
  await expect(yourRooms(owner).getByRole('link', { name: room, exact: true })).toBeVisible();
});

test('unread and a mention badge clear in every tab once read in one; the first unread message follows New messages', async ({
  consoleWatch,
  people,
}) => {
  const readerName = uniqueName('rita');
  const room = uniqueName('news');
  const quiet = uniqueName('quiet');
  const tab = await people.inRoom('tab one', room, { username: readerName });
  await enterRoom(tab, quiet);
  const otherTab = await tab.context().newPage();
  consoleWatch.watch(otherTab, 'tab two');
  await otherTab.goto(`/rooms/${quiet}`);
  await expect(otherTab.getByRole('heading', { name: quiet, level: 1 })).toBeVisible();

  const writer = await restPerson(server.url, uniqueName('walt'));
  await writer.say(room, 'first news');
  await writer.say(room, `second news for @${readerName}`);
  const unread = `${room}, unread, 1 mention`;
  for (const page of [tab, otherTab]) {
    await expect(yourRooms(page).getByRole('link', { name: unread, exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^\(1\) /);
  }
  await screenshot(otherTab, 'sidebar-mention-badge');

  await yourRooms(tab).getByRole('link', { name: unread, exact: true }).click();
  await expect(messageLog(tab).getByRole('listitem').last()).toContainText('second news');
  const separator = tab.getByRole('separator', { name: 'New messages' });
  await expect(separator).toBeVisible();
  await expect(messageLog(tab).getByRole('listitem').first()).toContainText('first news');
  await screenshot(tab, 'new-messages-separator');
  await expect(yourRooms(otherTab).getByRole('link', { name: room, exact: true })).toBeVisible();
  await expect(otherTab).not.toHaveTitle(/^\(/);
});

test('@ in the composer suggests the room’s members (arrows, Enter, Escape); the mentioned person sees it marked', async ({
  people,
}) => {
  const tag = uniqueName('mb');
  const [aliceName, bobName, beaName] = [`${tag}_al`, `${tag}a`, `${tag}b`];
  const room = uniqueName('plaza');
  const bob = await people.inRoom('bob', room, { username: bobName });
  // A member who is not online: mentions are for members, not for who happens to be here.
  const bea = await restPerson(server.url, beaName);
  await bea.say(room, 'hello from the REST side');
  const alice = await people.inRoom('alice', room, { username: aliceName });

  const box = messageBox(alice);
  const suggestions = alice.getByRole('listbox', { name: 'Members to mention' });
  await box.pressSequentially('@');
  // Everyone but the writer, sorted by username.
  await expect(suggestions.getByRole('option')).toHaveText([`@${bobName}`, `@${beaName}`]);
  await box.pressSequentially(tag.slice(0, 4).toUpperCase());
  await expect(suggestions.getByRole('option', { selected: true })).toHaveText(`@${bobName}`);
  await expect(box).toHaveAttribute('aria-activedescendant', /composer-mentions-0/);
  const { violations } = await new AxeBuilder({ page: alice }).include('.composer').analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await screenshot(alice, 'mention-suggestions');
  await box.press('ArrowDown');
  await expect(suggestions.getByRole('option', { selected: true })).toHaveText(`@${beaName}`);
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(box).toHaveValue(`@${bobName} `);
  await expect(suggestions).toBeHidden();

  // Escape closes the list; Enter then sends as usual.
  await box.pressSequentially('and @');
  await expect(suggestions).toBeVisible();
  await box.press('Escape');
  await expect(suggestions).toBeHidden();
  await box.pressSequentially('everyone');
  await box.press('Enter');
  await expect(box).toHaveValue('');

  const item = messageLog(bob).getByRole('listitem').last();
  await expect(item).toContainText(`@${bobName} and @everyone`);
  await expect(item).toContainText('Mentions you.');
  await expect(item).toHaveClass(/message--mentions-me/);
  await expect(messageLog(alice).getByRole('listitem').last()).not.toContainText('Mentions you.');
});

test('a direct message from the Members panel, and by username with suggestions', async ({
  people,
}) => {
  const tag = uniqueName('dm');
  const [aliceName, bobName, carolName] = [`${tag}_al`, `${tag}_bo`, `${tag}_ca`];
  const room = uniqueName('hall');
  const alice = await people.inRoom('alice', room, { username: aliceName });
  const bob = await restPerson(server.url, bobName);
  await bob.say(room, 'anyone around?');
  await restPerson(server.url, carolName);

  await alice.getByRole('button', { name: 'Members', exact: true }).click();
  const members = alice.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('listitem')).toHaveCount(2);
  await expect(members.getByRole('button', { name: `Message ${aliceName}` })).toHaveCount(0);
  await members.getByRole('button', { name: `Message ${bobName}` }).click();
  await expect(alice.getByRole('heading', { name: bobName, level: 1 })).toBeVisible();
  // In the direct room itself there is nobody else to message.
  await alice.getByRole('button', { name: 'Members', exact: true }).click();
  await expect(members.getByRole('listitem')).toHaveCount(2);
  await expect(members.getByRole('button', { name: /^Message / })).toHaveCount(0);

  await alice.getByRole('link', { name: 'Rooms', exact: true }).first().click();
  const username = alice.getByLabel('Username to message');
  await username.fill(`${tag}_c`);
  // The input's suggestions (a datalist) come from GET /api/users.
  await expect(alice.locator('#dm-username-suggestions option')).toHaveCount(1);
  await expect(alice.locator('#dm-username-suggestions option')).toHaveAttribute(
    'value',
    carolName,
  );
  await username.fill(carolName);
  await alice.getByRole('button', { name: 'Message', exact: true }).click();
  await expect(alice.getByRole('heading', { name: carolName, level: 1 })).toBeVisible();
  for (const name of [bobName, carolName]) {
    await expect(yourRooms(alice).getByRole('link', { name, exact: true })).toBeVisible();
  }
});

/**
 * The page's Notification, recorded: `permission` reads `default` until the page asks (as for a
 * person who has not decided yet), then the browser's answer (granted to this context); every
 * `new Notification(…)` is kept. Visibility can be turned to hidden as a background tab's is.
 */
function recordNotifications(): void {
  const shown: { title: string; body?: string }[] = [];
  let asked = 0;
  let hidden = false;
  const Real = window.Notification;
  class Recorded {
    onclick: (() => void) | null = null;
    static get permission(): NotificationPermission {
      return asked > 0 ? Real.permission : 'default';
    }
    static requestPermission(): Promise<NotificationPermission> {
      asked += 1;
      return Real.requestPermission();
    }
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
    close(): void {
      // Nothing was really shown.
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', {
    get: () => (hidden ? 'hidden' : 'visible'),
    configurable: true,
  });
  Object.defineProperty(Document.prototype, 'hidden', { get: () => hidden, configurable: true });
  Object.assign(window, {
    notificationsShown: () => shown,
    permissionAsks: () => asked,
    setHidden: (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    },
  });
}

test('browser notifications: only once enabled from the button, for a mention or a direct message while the tab is hidden', async ({
  people,
}) => {
  const bobName = uniqueName('bob');
  const room = uniqueName('forum');
  const bob = await people.open('bob');
  await bob.context().grantPermissions(['notifications'], { origin: server.url });
  await bob.addInitScript(recordNotifications);
  const shown = () =>
    bob.evaluate(() =>
      (window as unknown as { notificationsShown(): unknown[] }).notificationsShown(),
    );
  const asks = () =>
    bob.evaluate(() => (window as unknown as { permissionAsks(): number }).permissionAsks());
  const setHidden = (hidden: boolean) =>
    bob.evaluate(
      (value) => (window as unknown as { setHidden(v: boolean): void }).setHidden(value),
      hidden,
    );
  await signUp(bob, bobName);
  await enterRoom(bob, room);
  await enterRoom(bob, uniqueName('elsewhere'));
  const alice = await restPerson(server.url, uniqueName('alice'));

  // Not enabled: a mention while hidden shows nothing, and loading pages asked nothing.
  await setHidden(true);
  await alice.say(room, `@${bobName} are you there?`);
  await expect(
    yourRooms(bob).getByRole('link', { name: `${room}, unread, 1 mention`, exact: true }),
  ).toBeVisible();
  expect(await shown()).toEqual([]);
  expect(await asks()).toBe(0);

  await setHidden(false);
  await bob.getByRole('button', { name: 'Enable notifications' }).click();
  await expect(bob.getByRole('button', { name: 'Disable notifications' })).toBeVisible();
  expect(await asks()).toBe(1);

  await setHidden(true);
  await alice.say(room, `@${bobName} now?`);
  await expect
    .poll(shown)
    .toEqual([{ title: `${alice.username} mentioned you in #${room}`, body: `@${bobName} now?` }]);
  // A direct message to a room this tab has not joined (it hears room:activity).
  const direct = await alice.direct(bobName);
  await alice.say(direct, 'psst');
  await expect.poll(shown).toHaveLength(2);
  expect((await shown())[1]).toEqual({ title: alice.username, body: 'psst' });

  // Visible again, reading the direct room: nothing; hidden while in it: a notification.
  await setHidden(false);
  await yourRooms(bob)
    .getByRole('link', { name: `${alice.username}, unread`, exact: true })
    .click();
  await alice.say(direct, 'see it?');
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText('see it?');
  await setHidden(true);
  await alice.say(direct, 'and now?');
  await expect.poll(shown).toHaveLength(3);
  expect((await shown())[2]).toEqual({ title: alice.username, body: 'and now?' });
});
