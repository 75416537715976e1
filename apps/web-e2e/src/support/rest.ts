import type { AuthResponse, Message, Room } from '@chat/contract';
import { PASSWORD } from './people';

/** POSTs to the API, as `token`'s holder when one is given; a failed answer throws. */
async function post<T>(baseURL: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseURL}/api${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Someone else in the conversation, over REST only (no browser): signs up and sends messages.
 * Cheaper than a second browser where only the other side's words matter.
 */
export async function restPerson(baseURL: string, username: string) {
  const { accessToken } = await post<AuthResponse>(baseURL, '/auth/signup', {
    username,
    password: PASSWORD,
  });
  const call = <T>(path: string, body: unknown) => post<T>(baseURL, path, body, accessToken);
  return {
    username,
    createRoom: (name: string) => call<Room>('/rooms', { name }),
    /** Sends to `room`, as a reply to the message `replyTo` when given. */
    say: (room: string, content: string, replyTo?: string) =>
      call<Message>(`/rooms/${encodeURIComponent(room)}/messages`, { content, replyTo }),
    /** Starts (or finds) the direct room with `other`; its name. */
    direct: async (other: string) => (await call<Room>('/direct', { username: other })).name,
  };
}
