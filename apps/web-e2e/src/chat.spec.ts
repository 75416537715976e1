import { enterRoom, signUp, uniqueName } from './support/people';
import { messageBox, messageLog, onlineUsers, say } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

apiServerForSpec(1);

test('two people chat live in a room, keep history over a reload, and see each other leave', async ({
  people,
}) => {
  const aliceName = uniqueName('alice');
  const bobName = uniqueName('bob');
  const room = uniqueName('lounge');
  const alice = await people.open('alice');
  const bob = await people.open('bob');

  await alice.goto('/');
  await expect(alice.getByRole('banner')).toContainText('anonymous');
  await screenshot(alice, 'home');
  await alice.getByRole('link', { name: 'Sign up' }).first().click();
  await screenshot(alice, 'signup');
  await signUp(alice, aliceName);
  await enterRoom(alice, room);
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveText([`${aliceName} (you)`]);

  await signUp(bob, bobName);
  await expect(bob.getByRole('link', { name: room, exact: true })).toBeVisible();
  await screenshot(bob, 'rooms');
  await bob.getByRole('link', { name: room, exact: true }).click();
  await expect(bob.getByRole('heading', { name: room, level: 1 })).toBeVisible();

  for (const page of [alice, bob]) {
    await expect(onlineUsers(page).getByRole('listitem')).toHaveCount(2);
    await expect(onlineUsers(page)).toContainText(aliceName);
    await expect(onlineUsers(page)).toContainText(bobName);
  }

  await say(alice, 'Hi Bob, welcome!');
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText('Hi Bob, welcome!');
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText(aliceName);

  await messageBox(bob).pressSequentially('Thanks');
  await expect(alice.getByText(`${bobName} is typing…`)).toBeVisible();
  await messageBox(bob).press('Shift+Enter');
  await messageBox(bob).pressSequentially('Alice!');
  await messageBox(bob).press('Enter');
  await expect(messageBox(bob)).toHaveValue('');
  const bobsLine = messageLog(alice).getByRole('listitem').last();
  await expect(bobsLine).toContainText(bobName);
  await expect(bobsLine).toContainText('Thanks\nAlice!');

  await say(alice, '<b>not bold</b> & <script>alert(1)</script>');
  await expect(messageLog(bob).getByRole('listitem').last()).toContainText(
    '<b>not bold</b> & <script>alert(1)</script>',
  );
  await expect(messageLog(bob).locator('b')).toHaveCount(0);
  await screenshot(alice, 'room-alice');
  await screenshot(bob, 'room-bob');

  await bob.reload();
  await expect(messageLog(bob).getByRole('listitem')).toHaveCount(3);
  await expect(messageLog(bob).getByRole('listitem').first()).toContainText('Hi Bob, welcome!');
  await expect(bob.getByRole('banner')).toContainText(bobName);

  await bob.getByRole('link', { name: 'Rooms', exact: true }).first().click();
  await expect(onlineUsers(alice).getByRole('listitem')).toHaveCount(1);
  await expect(onlineUsers(alice)).not.toContainText(bobName);

  await bob.getByRole('button', { name: 'Log out' }).click();
  await expect(bob.getByRole('banner')).toContainText('anonymous');
});

test('sign-up and log-in problems are explained next to the form', async ({
  consoleWatch,
  people,
}) => {
  // The browser logs every non-2xx response of fetch; these are the ones provoked here.
  consoleWatch.allow(/Failed to load resource: the server responded with a status of (401|409)/);
  const name = uniqueName('carol');
  const page = await people.signedUp('carol', { username: name });
  await page.getByRole('button', { name: 'Log out' }).click();

  await page.goto('/signup');
  await page.getByLabel('Username').fill(name.toUpperCase());
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('password must be 8 to 128 characters long')).toBeVisible();
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText(/already taken/i)).toBeVisible();

  await page.goto('/login');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('wrong password 1');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(/invalid username or password/i);
  await screenshot(page, 'login-error');
});

test('a room name that cannot exist is explained before anything is sent', async ({ people }) => {
  const page = await people.signedUp('dave');
  await page.getByLabel('Room name').fill('no spaces allowed');
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByText(/only letters, digits, dashes and underscores/)).toBeVisible();
  await expect(page).toHaveURL(/\/rooms$/);
});

test('the owner deletes a room from its page, and its members go back to the list with a notice', async ({
  people,
}) => {
  const room = uniqueName('doomed');
  const owner = await people.inRoom('owner', room, { username: uniqueName('olga') });
  const member = await people.inRoom('member', room, { username: uniqueName('mick') });
  await expect(onlineUsers(member).getByRole('listitem')).toHaveCount(2);
  await expect(member.getByRole('button', { name: 'Delete room' })).toHaveCount(0);

  // With the keyboard: the question opens on Cancel, Escape closes it, Tab reaches the delete.
  await owner.getByRole('button', { name: 'Delete room' }).focus();
  await owner.keyboard.press('Enter');
  const question = owner.getByRole('group', { name: /Delete #.* for everyone\?/ });
  await expect(question).toContainText(`Delete #${room} and all its messages for everyone?`);
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await owner.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(owner.getByRole('button', { name: 'Delete room' })).toBeFocused();
  await owner.keyboard.press('Enter');
  await screenshot(owner, 'room-delete-confirm');
  await owner.keyboard.press('Tab');
  await expect(owner.getByRole('button', { name: 'Delete for everyone' })).toBeFocused();
  await owner.keyboard.press('Enter');

  await expect(owner).toHaveURL(/\/rooms$/);
  await expect(owner.getByRole('alert')).toContainText(`You deleted the room #${room}.`);
  await expect(owner.getByRole('link', { name: room, exact: true })).toHaveCount(0);
  await expect(member).toHaveURL(/\/rooms$/);
  await expect(member.getByRole('alert')).toContainText(`The room #${room} was deleted.`);
  await expect(member.getByRole('link', { name: room, exact: true })).toHaveCount(0);
  await screenshot(member, 'rooms-after-delete');
});
