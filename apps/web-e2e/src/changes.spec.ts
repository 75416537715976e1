import type { Page } from '@playwright/test';
import { uniqueName } from './support/people';
import { restPerson } from './support/rest';
import { messageBox, messageItem, say } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

// The quote test writes 70 messages in a row over REST: above the default burst of 30.
const server = apiServerForSpec(11, { SEND_BURST: '500' });

/** Hovers a message so its actions show, then presses one of them. */
async function act(page: Page, text: string, action: 'Reply' | 'React' | 'Edit' | 'Delete') {
  const line = messageItem(page, text).last();
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
  people,
}) => {
  const room = uniqueName('changes');
  const [aliceName, bobName] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await people.inRoom('alice', room, { username: aliceName });
  const bob = await people.inRoom('bob', room, { username: bobName });

  // Edit in place: Enter saves; the other side sees the new text and "(edited)".
  await say(alice, 'helo everyone');
  await expect(messageItem(bob, 'helo everyone')).toBeVisible();
  await act(alice, 'helo everyone', 'Edit');
  const editor = alice.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('hello everyone');
  await editor.press('Enter');
  await expect(messageItem(bob, 'hello everyone')).toContainText('(edited)');
  await expect(messageItem(alice, 'hello everyone')).toContainText('(edited)');
  // Bob may not edit or delete Alice's message; he may reply and react.
  await messageItem(bob, 'hello everyone').hover();
  await expect(
    messageItem(bob, 'hello everyone').getByRole('button', { name: 'Edit' }),
  ).toHaveCount(0);
  await expect(
    messageItem(bob, 'hello everyone').getByRole('button', { name: 'Delete' }),
  ).toHaveCount(0);

  // ↑ in the empty composer edits one's last message; Escape cancels.
  await messageBox(alice).press('ArrowUp');
  await expect(editor).toHaveValue('hello everyone');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);

  // Reactions: a chip named by emoji and count, pressed for whoever reacted.
  await act(bob, 'hello everyone', 'React');
  await screenshot(bob, 'emoji-picker');
  await pickEmoji(bob, '👍');
  const bobsChip = messageItem(bob, 'hello everyone').getByRole('button', { name: '👍 1' });
  await expect(bobsChip).toHaveAttribute('aria-pressed', 'true');
  const alicesChip = messageItem(alice, 'hello everyone').getByRole('button', { name: '👍 1' });
  await expect(alicesChip).toHaveAttribute('aria-pressed', 'false');
  await expect(alicesChip).toHaveAttribute('title', bobName);
  await alicesChip.click();
  await expect(
    messageItem(bob, 'hello everyone').getByRole('button', { name: '👍 2' }),
  ).toBeVisible();
  await expect(
    messageItem(alice, 'hello everyone').getByRole('button', { name: '👍 2' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await messageItem(alice, 'hello everyone').getByRole('button', { name: '👍 2' }).click();
  await expect(
    messageItem(bob, 'hello everyone').getByRole('button', { name: '👍 1' }),
  ).toBeVisible();

  // A reply: "Replying to …" over the composer, then the quote above the sent message.
  await act(bob, 'hello everyone', 'Reply');
  await expect(bob.getByText(`Replying to ${aliceName}`)).toBeVisible();
  await say(bob, 'hi Alice');
  await expect(bob.getByText(`Replying to ${aliceName}`)).toHaveCount(0);
  const reply = messageItem(alice, 'hi Alice');
  await expect(reply).toContainText(bobName);
  await expect(reply.getByRole('button', { name: new RegExp(aliceName) })).toContainText(
    'hello everyone',
  );
  await screenshot(alice, 'reply-and-reactions');

  // Delete asks first; Cancel keeps it, Delete takes it out of every log.
  await say(bob, 'oops, wrong room');
  await expect(messageItem(alice, 'oops, wrong room')).toBeVisible();
  await act(bob, 'oops, wrong room', 'Delete');
  const confirm = bob.getByRole('dialog', { name: 'Delete this message?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(messageItem(bob, 'oops, wrong room')).toBeVisible();
  await act(bob, 'oops, wrong room', 'Delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(messageItem(bob, 'oops, wrong room')).toHaveCount(0);
  await expect(messageItem(alice, 'oops, wrong room')).toHaveCount(0);

  // The room's owner may delete anyone's message; the reply's quote then says so.
  await act(alice, 'hello everyone', 'Delete');
  await alice
    .getByRole('dialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(messageItem(bob, 'hello everyone')).toHaveCount(0);
  await expect(messageItem(bob, 'hi Alice')).toContainText('Deleted message');
});

test('a tab that was offline while others edited, reacted, deleted and wrote shows all of it after reconnecting', async ({
  consoleWatch,
  people,
}) => {
  // Bob's tab goes offline on purpose; the browser reports its failed reconnection attempts.
  consoleWatch.allow(/WebSocket connection to .* failed|net::ERR_FAILED|ERR_INTERNET_DISCONNECTED/);
  const room = uniqueName('away');
  const alice = await people.inRoom('alice', room);
  const bob = await people.inRoom('bob', room);
  for (const line of ['first words', 'second words', 'third words']) await say(alice, line);
  await expect(messageItem(bob, 'third words')).toBeVisible();

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
  await expect(messageItem(alice, 'second words')).toHaveCount(0);

  await bob.context().setOffline(false);
  await expect(messageItem(bob, 'while you were away')).toBeVisible();
  await expect(messageItem(bob, 'first words, corrected')).toContainText('(edited)');
  await expect(messageItem(bob, 'second words')).toHaveCount(0);
  await expect(messageItem(bob, 'third words').getByRole('button', { name: '🎉 1' })).toBeVisible();
});

test('a click on a reply’s quote brings the original into view, loading older pages', async ({
  people,
}) => {
  const room = uniqueName('quote');
  const carol = await restPerson(server.url, uniqueName('carol'));
  await carol.createRoom(room);
  const original = await carol.say(room, 'the very first question');
  for (let i = 0; i < 70; i += 1) await carol.say(room, `filler ${i}`);
  await carol.say(room, 'the answer, at last', original.id);

  const reader = await people.inRoom('reader', room);
  await expect(messageItem(reader, 'the answer, at last')).toBeVisible();
  await expect(messageItem(reader, 'the very first question')).toHaveCount(0);
  await messageItem(reader, 'the answer, at last')
    .getByRole('button', { name: new RegExp(carol.username) })
    .click();
  await expect(messageItem(reader, 'the very first question')).toBeInViewport();
});
