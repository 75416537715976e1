import type { Page } from '@playwright/test';
import {
  apiServerForSpec,
  enterRoom,
  expect,
  messageBox,
  messageLog,
  openPerson,
  PASSWORD,
  say,
  screenshot,
  signUp,
  test,
  uniqueName,
} from './fixtures';

// The quote test writes 70 messages in a row over REST: above the default burst of 30.
const server = apiServerForSpec(11, { SEND_BURST: '500' });

/** The log's item whose own text holds `text` (not a reply quoting it). */
const item = (page: Page, text: string) =>
  messageLog(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.message__content', { hasText: text }) });

/** Hovers a message so its actions show, then presses one of them. */
async function act(page: Page, text: string, action: 'Reply' | 'React' | 'Edit' | 'Delete') {
  const line = item(page, text).last();
  await line.hover();
  await line.getByRole('button', { name: action, exact: true }).click();
}

async function pickEmoji(page: Page, emoji: string) {
  const dialog = page.getByRole('dialog', { name: 'Emoji' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: emoji, exact: true }).first().click();
  await expect(dialog).toBeHidden();
}

test('two people edit, react, reply and delete, and each sees the other’s change live', async ({
  browser,
  consoleWatch,
}) => {
  const room = uniqueName('changes');
  const [aliceName, bobName] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await openPerson(browser, server.url, consoleWatch, 'alice');
  const bob = await openPerson(browser, server.url, consoleWatch, 'bob');
  await signUp(alice, aliceName);
  await enterRoom(alice, room);
  await signUp(bob, bobName);
  await enterRoom(bob, room);

  // Edit in place: Enter saves; the other side sees the new text and "(edited)".
  await say(alice, 'helo everyone');
  await expect(item(bob, 'helo everyone')).toBeVisible();
  await act(alice, 'helo everyone', 'Edit');
  const editor = alice.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('hello everyone');
  await editor.press('Enter');
  await expect(item(bob, 'hello everyone')).toContainText('(edited)');
  await expect(item(alice, 'hello everyone')).toContainText('(edited)');
  // Bob may not edit or delete Alice's message; he may reply and react.
  await item(bob, 'hello everyone').hover();
  await expect(item(bob, 'hello everyone').getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(item(bob, 'hello everyone').getByRole('button', { name: 'Delete' })).toHaveCount(0);

  // ↑ in the empty composer edits one's last message; Escape cancels.
  await messageBox(alice).press('ArrowUp');
  await expect(editor).toHaveValue('hello everyone');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);

  // Reactions: a chip named by emoji and count, pressed for whoever reacted.
  await act(bob, 'hello everyone', 'React');
  await screenshot(bob, 'emoji-picker');
  await pickEmoji(bob, '👍');
  const bobsChip = item(bob, 'hello everyone').getByRole('button', { name: '👍 1' });
  await expect(bobsChip).toHaveAttribute('aria-pressed', 'true');
  const alicesChip = item(alice, 'hello everyone').getByRole('button', { name: '👍 1' });
  await expect(alicesChip).toHaveAttribute('aria-pressed', 'false');
  await expect(alicesChip).toHaveAttribute('title', bobName);
  await alicesChip.click();
  await expect(item(bob, 'hello everyone').getByRole('button', { name: '👍 2' })).toBeVisible();
  await expect(item(alice, 'hello everyone').getByRole('button', { name: '👍 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await item(alice, 'hello everyone').getByRole('button', { name: '👍 2' }).click();
  await expect(item(bob, 'hello everyone').getByRole('button', { name: '👍 1' })).toBeVisible();

  // A reply: "Replying to …" over the composer, then the quote above the sent message.
  await act(bob, 'hello everyone', 'Reply');
  await expect(bob.getByText(`Replying to ${aliceName}`)).toBeVisible();
  await say(bob, 'hi Alice');
  await expect(bob.getByText(`Replying to ${aliceName}`)).toHaveCount(0);
  const reply = item(alice, 'hi Alice');
  await expect(reply).toContainText(bobName);
  await expect(reply.getByRole('button', { name: new RegExp(aliceName) })).toContainText(
    'hello everyone',
  );
  await screenshot(alice, 'reply-and-reactions');

  // Delete asks first; Cancel keeps it, Delete takes it out of every log.
  await say(bob, 'oops, wrong room');
  await expect(item(alice, 'oops, wrong room')).toBeVisible();
  await act(bob, 'oops, wrong room', 'Delete');
  const confirm = bob.getByRole('dialog', { name: 'Delete this message?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(item(bob, 'oops, wrong room')).toBeVisible();
  await act(bob, 'oops, wrong room', 'Delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(item(bob, 'oops, wrong room')).toHaveCount(0);
  await expect(item(alice, 'oops, wrong room')).toHaveCount(0);

  // The room's owner may delete anyone's message; the reply's quote then says so.
  await act(alice, 'hello everyone', 'Delete');
  await alice
    .getByRole('dialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(item(bob, 'hello everyone')).toHaveCount(0);
  await expect(item(bob, 'hi Alice')).toContainText('Deleted message');
});

test('a tab that was offline while others edited, reacted, deleted and wrote shows all of it after reconnecting', async ({
  browser,
  consoleWatch,
}) => {
  consoleWatch.allow(/WebSocket connection to .* failed|net::ERR_FAILED|ERR_INTERNET_DISCONNECTED/);
  const room = uniqueName('away');
  const alice = await openPerson(browser, server.url, consoleWatch, 'alice');
  const bob = await openPerson(browser, server.url, consoleWatch, 'bob');
  await signUp(alice, uniqueName('alice'));
  await enterRoom(alice, room);
  await signUp(bob, uniqueName('bob'));
  await enterRoom(bob, room);
  for (const line of ['first words', 'second words', 'third words']) await say(alice, line);
  await expect(item(bob, 'third words')).toBeVisible();

  await bob.context().setOffline(true);
  await expect(bob.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  await act(alice, 'first words', 'Edit');
  await alice.getByRole('textbox', { name: 'Edit message' }).fill('first words, corrected');
  await alice.getByRole('textbox', { name: 'Edit message' }).press('Enter');
  await act(alice, 'second words', 'Delete');
  await alice
    .getByRole('dialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await act(alice, 'third words', 'React');
  await pickEmoji(alice, '🎉');
  await say(alice, 'while you were away');
  await expect(item(alice, 'second words')).toHaveCount(0);

  await bob.context().setOffline(false);
  await expect(item(bob, 'while you were away')).toBeVisible();
  await expect(item(bob, 'first words, corrected')).toContainText('(edited)');
  await expect(item(bob, 'second words')).toHaveCount(0);
  await expect(item(bob, 'third words').getByRole('button', { name: '🎉 1' })).toBeVisible();
});

test('a click on a reply’s quote brings the original into view, loading older pages', async ({
  browser,
  consoleWatch,
}) => {
  const room = uniqueName('quote');
  const name = uniqueName('carol');
  const api = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(res.ok, `${path}: ${res.status}`).toBe(true);
    return (await res.json()) as { accessToken: string; id: string };
  };
  const { accessToken } = await api('/auth/signup', { username: name, password: PASSWORD });
  await api('/rooms', { name: room }, accessToken);
  const original = await api(
    `/rooms/${room}/messages`,
    { content: 'the very first question' },
    accessToken,
  );
  for (let i = 0; i < 70; i += 1)
    await api(`/rooms/${room}/messages`, { content: `filler ${i}` }, accessToken);
  await api(
    `/rooms/${room}/messages`,
    { content: 'the answer, at last', replyTo: original.id },
    accessToken,
  );

  const reader = await openPerson(browser, server.url, consoleWatch, 'reader');
  await signUp(reader, uniqueName('reader'));
  await enterRoom(reader, room);
  await expect(item(reader, 'the answer, at last')).toBeVisible();
  await expect(item(reader, 'the very first question')).toHaveCount(0);
  await item(reader, 'the answer, at last')
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await expect(item(reader, 'the very first question')).toBeInViewport();
});
