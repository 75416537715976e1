import {
  apiServerForSpec,
  enterRoom,
  expect,
  logIn,
  openPerson,
  PASSWORD,
  screenshot,
  signUp,
  test,
  uniqueName,
} from './fixtures';

// A data folder of its own: the first account signed up here is the site's admin.
const server = apiServerForSpec(20);

test('the admin deactivates an account: that person’s open tab is logged out, and login says why', async ({
  browser,
  consoleWatch,
}) => {
  // The deactivated tab's refused refresh and login answer 401 and 403 on purpose.
  consoleWatch.allow(/Failed to load resource: the server responded with a status of (401|403)/);
  const adminName = uniqueName('root');
  const eveName = uniqueName('eve');
  const admin = await openPerson(browser, server.url, consoleWatch, 'admin');
  await signUp(admin, adminName);
  const eve = await openPerson(browser, server.url, consoleWatch, 'eve');
  await signUp(eve, eveName);
  await enterRoom(eve, uniqueName('lounge'));

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

test('a member who opens /admin finds nothing there', async ({ browser, consoleWatch }) => {
  const page = await openPerson(browser, server.url, consoleWatch, 'member');
  await signUp(page, uniqueName('mem'));
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
});

test('a ban reaches the banned person’s open tab at once: it says so and leaves the room', async ({
  browser,
  consoleWatch,
}) => {
  const ownerName = uniqueName('own');
  const eveName = uniqueName('eve');
  const room = uniqueName('club');
  const owner = await openPerson(browser, server.url, consoleWatch, 'owner');
  await signUp(owner, ownerName);
  await enterRoom(owner, room);
  const eve = await openPerson(browser, server.url, consoleWatch, 'eve');
  await signUp(eve, eveName);
  await enterRoom(eve, room);

  // The owner bans over REST (the room settings panel is not built yet).
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: ownerName, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const banned = await fetch(`${server.url}/api/rooms/${room}/bans/${eveName}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ reason: 'testing bans', minutes: 60 }),
  });
  expect(banned.status).toBe(204);

  await expect(eve.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(eve.getByRole('alert')).toContainText(`You were removed from #${room}.`);
  await screenshot(eve, 'banned-tab');
});
