import { uniqueName } from './support/people';
import { messageLog } from './support/room';
import { apiServerForSpec, expect, test } from './support/test';

// A small send budget (5, then 2 a second), so a quick series of sends meets the limit.
apiServerForSpec(6, { SEND_BURST: '5', SEND_PER_SECOND: '2' });

test('sending faster than the limit: the outbox waits and resends by itself, with one polite status line', async ({
  people,
}) => {
  const page = await people.inRoom('hasty', uniqueName('flood'), { username: uniqueName('hank') });
  // 20 sends within a moment (as fast as a script could type them): the first 5 are the
  // budget's burst here, the rest meet `rate_limited`.
  const COUNT = 20;
  await page.evaluate(async (count) => {
    const box = document.querySelector('textarea');
    const form = box?.form;
    if (!box || !form) throw new Error('no message box');
    for (let i = 1; i <= count; i += 1) {
      box.value = `quick ${String(i).padStart(2, '0')}`;
      box.dispatchEvent(new Event('input'));
      // One task per keystroke, as a person's typing has (the box's model updates in between).
      await new Promise((resolve) => setTimeout(resolve, 0));
      form.requestSubmit();
    }
  }, COUNT);
  await expect(
    page.getByRole('status').filter({ hasText: 'slowing down your sends' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(messageLog(page).getByText('Not sent')).toHaveCount(0);

  await expect(messageLog(page).locator('.message--pending')).toHaveCount(0, { timeout: 30_000 });
  await page.reload();
  await expect(messageLog(page).getByRole('listitem')).toHaveCount(COUNT);
  const texts = await messageLog(page).getByRole('listitem').allInnerTexts();
  const sent = texts.map((text) => /quick (\d\d)/.exec(text)?.[1]);
  expect(sent).toEqual(Array.from({ length: COUNT }, (_, i) => String(i + 1).padStart(2, '0')));
});
