import { expect, type Page } from '@playwright/test';

export function messageLog(page: Page) {
  return page.getByRole('list', { name: 'Messages' });
}

/** The log's item whose own text holds `text` (not a reply quoting it). */
export function messageItem(page: Page, text: string) {
  return messageLog(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.message__content', { hasText: text }) });
}

export function onlineUsers(page: Page) {
  return page.getByRole('list', { name: 'Online users' });
}

/** The room list beside the chat (or in the phone's drawer). */
export function yourRooms(page: Page) {
  return page.getByRole('navigation', { name: 'Your rooms' });
}

export function messageBox(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

/** Writes and sends with the Send button (Enter sends on a desktop, not on a touch screen). */
export async function say(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(messageBox(page)).toHaveValue('');
}
