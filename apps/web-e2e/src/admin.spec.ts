import type { Page } from '@playwright/test';
import { enterRoom, logIn, PASSWORD, uniqueName, type People } from './support/people';
import { messageBox, messageItem, say } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

// A data folder of its own: the first account signed up here is the site's admin.
apiServerForSpec(20);

test('the admin deactivates an account: that person’s open tab is logged out, and login says why', async ({
  consoleWatch,
  people,
}) => {
  // The deactivated tab's refused refresh and login answer 401 and 403 on purpose.
  consoleWatch.allow(/Failed to load resource: the server responded with a status of (401|403)/);
  const adminName = uniqueName('root');
  const eveName = uniqueName('eve');
  const admin = await people.signedUp('admin', { username: adminName });
  const eve = await people.inRoom('eve', uniqueName('lounge'), { username: eveName });

  // Only the admin's navigation offers the page; for anyone else it does not exist.
  const main = (page: typeof admin) => page.getByRole('navigation', { name: 'Main' });
  await expect(main(eve).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await main(admin).getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();

  await admin.getByLabel('Search users').fill(eveName.slice(0, 6));
  const users = admin.getByRole('list', { name: 'Users' });
  await expect(users.getByRole('listitem')).toHaveCount(1);
  await expect(users.getByRole('listitem')).toContainText(eveName);
  await admin.getByRole('button', { name: `Deactivate ${eveName}` }).click();
  await expect(users.getByRole('listitem')).toContainText('deactivated');

  // Eve's tab learns at once: her socket is cut, and the session cannot be renewed.
  await expect(eve).toHaveURL(/\/login\?redirect=/);
  await expect(eve.getByRole('alert')).toContainText('Your session has ended');
  await expect(eve.getByRole('banner')).toContainText('anonymous');
  await logIn(eve, eveName, PASSWORD);
  await expect(eve.getByText(/account deactivated/i)).toBeVisible();
  await screenshot(eve, 'login-account-deactivated');

  const audit = admin.getByRole('list', { name: 'Audit log' });
  await expect(audit.getByRole('listitem').first()).toContainText(
    `${adminName} deactivated ${eveName}`,
  );
  await screenshot(admin, 'admin-page');

  await admin.getByRole('button', { name: `Reactivate ${eveName}` }).click();
  await expect(audit.getByRole('listitem').first()).toContainText(
    `${adminName} reactivated ${eveName}`,
  );
  await logIn(eve, eveName, PASSWORD);
  await expect(eve.getByRole('banner')).toContainText(eveName);
});

test('a member who opens /admin finds nothing there', async ({ people }) => {
  const page = await people.signedUp('member', { username: uniqueName('mem') });
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
});

/** A room's owner and eve, a member, each with a tab open in it: the moderation tests' cast. */
async function ownerAndEve(people: People, roomPrefix: string) {
  const room = uniqueName(roomPrefix);
  const eveName = uniqueName('eve');
  const owner = await people.inRoom('owner', room, { username: uniqueName('own') });
  const eve = await people.inRoom('eve', room, { username: eveName });
  return { room, eveName, owner, eve };
}

/** The room's settings region, opened from the room's header. */
async function roomSettings(page: Page) {
  await page.getByRole('button', { name: 'Room settings' }).click();
  const region = page.getByRole('region', { name: 'Room settings' });
  await expect(region).toBeVisible();
  return region;
}

test('a ban reaches the banned person’s open tab at once: it says so and leaves the room', async ({
  people,
}) => {
  const { room, eveName, owner, eve } = await ownerAndEve(people, 'club');

  const settings = await roomSettings(owner);
  await expect(settings.getByRole('list', { name: 'Members and roles' })).toContainText(eveName);
  await settings.getByLabel('Ban reason').fill('testing bans');
  await settings.getByLabel('Ban length').selectOption({ label: '1 day' });
  await settings.getByRole('button', { name: `Ban ${eveName}` }).click();

  await expect(eve.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(eve.getByRole('alert')).toContainText(`You were removed from #${room}.`);
  await screenshot(eve, 'banned-tab');

  const bans = settings.getByRole('list', { name: 'Bans' });
  await expect(bans).toContainText(eveName);
  await expect(bans).toContainText('testing bans');
  await expect(settings.getByRole('list', { name: 'Members and roles' })).not.toContainText(
    eveName,
  );
  await screenshot(owner, 'room-settings');
  await settings.getByRole('button', { name: `Unban ${eveName}` }).click();
  await expect(settings.getByText('Nobody is banned.')).toBeVisible();
  await enterRoom(eve, room);
});

test('a moderator deletes someone else’s message, and it leaves everyone’s log', async ({
  people,
}) => {
  const room = uniqueName('hall');
  const modName = uniqueName('mod');
  const owner = await people.inRoom('owner', room, { username: uniqueName('own') });
  const mod = await people.inRoom('moderator', room, { username: modName });
  const eve = await people.inRoom('eve', room, { username: uniqueName('eve') });

  const settings = await roomSettings(owner);
  await settings.getByRole('button', { name: `Make ${modName} moderator` }).click();
  await expect(settings.getByRole('status')).toContainText(`${modName} is a moderator.`);
  // The moderator's open tab learns the new role at once (room:role): Room settings appears.
  await expect(mod.getByRole('button', { name: 'Room settings' })).toBeVisible();

  await say(eve, 'buy cheap watches here');
  const line = messageItem(mod, 'buy cheap watches here');
  await expect(line).toBeVisible();
  await expect(messageItem(owner, 'buy cheap watches here')).toBeVisible();
  await line.hover();
  await line.getByRole('button', { name: 'Delete', exact: true }).click();
  await mod
    .getByRole('dialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  for (const page of [mod, owner, eve]) {
    await expect(messageItem(page, 'buy cheap watches here')).toHaveCount(0);
  }
  // A plain member sees Delete on their own messages only.
  await say(owner, 'house rules apply');
  const rules = messageItem(eve, 'house rules apply');
  await rules.hover();
  await expect(rules.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
});

test('a time-out disables the person’s composer with why and until when, and lifting it re-enables it live', async ({
  people,
}) => {
  const { room, eveName, owner, eve } = await ownerAndEve(people, 'quiet');

  const settings = await roomSettings(owner);
  await settings.getByLabel('Time-out length').selectOption({ label: '1 hour' });
  await settings.getByRole('button', { name: `Time out ${eveName}` }).click();
  await expect(settings.getByRole('list', { name: 'Time-outs' })).toContainText(eveName);

  const notice = eve.getByRole('status').filter({ hasText: 'You are timed out' });
  await expect(notice).toContainText(`You are timed out in #${room} until`);
  await expect(notice).toContainText('You can read, but not send, edit or react');
  await expect(messageBox(eve)).toBeDisabled();
  await expect(eve.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await say(owner, 'a moment, please');
  await expect(messageItem(eve, 'a moment, please')).toBeVisible();
  await screenshot(eve, 'timed-out-composer');

  await settings.getByRole('button', { name: `Lift time-out of ${eveName}` }).click();
  await expect(notice).toHaveCount(0);
  await expect(messageBox(eve)).toBeEnabled();
  await say(eve, 'thank you');
  await expect(messageItem(owner, 'thank you')).toBeVisible();
});

test('while timed out, a person is offered no edit, reaction or reply, only the delete of their own messages; lifting it brings them back live', async ({
  people,
}) => {
  const { eveName, owner, eve } = await ownerAndEve(people, 'hush');
  await say(eve, 'my own words');
  await say(owner, 'the owner speaks');
  const mine = messageItem(eve, 'my own words');
  const theirs = messageItem(eve, 'the owner speaks');
  const button = (line: typeof mine, name: string) =>
    line.getByRole('button', { name, exact: true });
  await theirs.hover();
  await button(theirs, 'React').click();
  const picker = eve.getByRole('dialog', { name: 'Emoji' });
  await picker.getByRole('button', { name: '👍', exact: true }).first().click();
  await expect(picker).toBeHidden();
  const chip = button(theirs, '👍 1');
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  // An edit left open when the time-out comes could only be refused: it closes.
  await mine.hover();
  await button(mine, 'Edit').click();
  const editor = eve.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toBeVisible();

  const settings = await roomSettings(owner);
  await settings.getByLabel('Time-out length').selectOption({ label: '1 hour' });
  await settings.getByRole('button', { name: `Time out ${eveName}` }).click();
  const notice = eve.getByRole('status').filter({ hasText: 'You are timed out' });
  await expect(notice).toBeVisible();

  await expect(editor).toHaveCount(0);
  await mine.hover();
  await expect(button(mine, 'Delete')).toBeVisible();
  for (const name of ['Edit', 'React', 'Reply']) await expect(button(mine, name)).toHaveCount(0);
  await theirs.hover();
  await expect(theirs.getByRole('button')).toHaveText(['👍 1']);
  await expect(chip).toBeDisabled();
  await screenshot(eve, 'timed-out-message-actions');

  await settings.getByRole('button', { name: `Lift time-out of ${eveName}` }).click();
  await expect(notice).toHaveCount(0);
  await mine.hover();
  for (const name of ['Edit', 'React', 'Reply', 'Delete']) {
    await expect(button(mine, name)).toBeVisible();
  }
  await chip.click();
  await expect(button(theirs, '👍 1')).toHaveCount(0);
  await expect(
    messageItem(owner, 'the owner speaks').getByRole('button', { name: '👍 1' }),
  ).toHaveCount(0);
});
