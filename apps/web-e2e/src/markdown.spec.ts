import { enterRoom, signUp, uniqueName } from './support/people';
import { restPerson } from './support/rest';
import { messageLog } from './support/room';
import { screenshot } from './support/screens';
import { apiServerForSpec, expect, test } from './support/test';

const server = apiServerForSpec(12);

const PAYLOADS = [
  '[click me](javascript:alert(1))',
  '[data](data:text/html,<script>alert(2)</script>)',
  '<img src=x onerror="alert(3)">',
  '<script>alert(4)</script><b>bold?</b>',
  '````\n```\n<img src=y onerror="alert(5)">\n```\n````',
  '```\nunclosed <svg onload="alert(6)">',
  '**[nested](javascript:alert(7))** `<i onmouseover="alert(8)">`',
];

test('Markdown renders as elements; XSS payloads stay inert text', async ({ people }) => {
  const room = uniqueName('md');
  const reader = await people.open('reader');
  const dialogs: string[] = [];
  reader.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signUp(reader, uniqueName('reader'));
  await enterRoom(reader, room);
  const writer = await restPerson(server.url, uniqueName('writer'));
  await writer.say(
    room,
    '**bold** *italic* ~~strike~~ `code` [docs](https://example.org/docs)\n> quoted',
  );
  for (const payload of PAYLOADS) await writer.say(room, payload);
  await writer.say(room, 'last one');

  const log = messageLog(reader);
  await expect(log.getByRole('listitem').last()).toContainText('last one');
  const first = log.getByRole('listitem').filter({ hasText: 'bold' }).first();
  await expect(first.locator('strong')).toHaveText('bold');
  await expect(first.locator('em')).toHaveText('italic');
  await expect(first.locator('s')).toHaveText('strike');
  await expect(first.locator('code')).toHaveText('code');
  await expect(first.locator('blockquote')).toHaveText('quoted');
  await expect(first.getByRole('link', { name: 'docs' })).toHaveAttribute(
    'href',
    'https://example.org/docs',
  );

  // Nothing ran, nothing loaded, and what looked like markup is shown as typed.
  await expect(log.locator('img, script, svg, iframe, b, i[onmouseover]')).toHaveCount(0);
  for (const href of await log
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^https?:\/\//);
  }
  await expect(log).toContainText('<img src=x onerror="alert(3)">');
  await expect(log).toContainText('<script>alert(4)</script><b>bold?</b>');
  await expect(log.locator('pre')).toHaveCount(2);
  await expect(log.locator('pre').first()).toContainText('<img src=y onerror="alert(5)">');
  await expect(log.getByText('click me')).toBeVisible();
  await screenshot(reader, 'markdown');
  expect(dialogs).toEqual([]);
  expect(await reader.evaluate(() => (window as unknown as { xss?: boolean }).xss)).toBeUndefined();
});
