import {
  apiServerForSpec,
  enterRoom,
  expect,
  messageLog,
  onlineUsers,
  openPerson,
  restPerson,
  say,
  screenshot,
  signUp,
  test,
  uniqueName,
  yourRooms,
} from './fixtures';

const server = apiServerForSpec(12);

test('a direct message from the online list: bold in the other person’s sidebar until read', async ({
  browser,
  consoleWatch,
}) => {
  const aliceName = uniqueName('alice');
  const bobName = uniqueName('bob');
  const room = uniqueName('lobby');
  const alice = await openPerson(browser, server.url, consoleWatch, 'alice');
  const bob = await openPerson(browser, server.url, consoleWatch, 'bob');
  await signUp(alice, aliceName);
  await enterRoom(alice, room);
  await signUp(bob, bobName);
  await enterRoom(bob, room);
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
  browser,
  consoleWatch,
}) => {
  const ownerName = uniqueName('olga');
  const memberName = uniqueName('mia');
  const room = uniqueName('secret');
  const owner = await openPerson(browser, server.url, consoleWatch, 'owner');
  const member = await openPerson(browser, server.url, consoleWatch, 'member');
  const third = await openPerson(browser, server.url, consoleWatch, 'third');
  // The third person's visit to the private room's address is answered 404 on purpose.
  consoleWatch.allow(/status of 404/);

  await signUp(owner, ownerName);
  await owner.getByLabel('Room name').fill(room);
  await owner.getByLabel('Private').check();
  await owner.getByRole('button', { name: 'Create room' }).click();
  await expect(owner.getByRole('heading', { name: room, level: 1 })).toBeVisible();

  await signUp(third, uniqueName('tom'));
  await expect(third.getByRole('link', { name: room, exact: true })).toHaveCount(0);
  await third.goto(`/rooms/${room}`);
  await expect(third.getByText(`The room #${room} does not exist.`)).toBeVisible();

  await signUp(member, memberName);
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
  browser,
  consoleWatch,
}) => {
  const readerName = uniqueName('rita');
  const room = uniqueName('news');
  const quiet = uniqueName('quiet');
  const tab = await openPerson(browser, server.url, consoleWatch, 'tab one');
  await signUp(tab, readerName);
  await enterRoom(tab, room);
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
