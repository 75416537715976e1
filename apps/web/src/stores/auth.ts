import type { Credentials, User } from '@chat/contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, setAccessToken } from '../api/http';
import { useConnectionStore } from './connection';

const SESSION_KEY = 'minicord.session';

interface StoredSession {
  accessToken: string;
  user: User;
}

function readStoredSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

/** Who is signed in; the token lives in localStorage so a reload keeps the session. */
export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(null);
  const user = ref<User | null>(null);
  const notice = ref<string | null>(null);
  const isSignedIn = computed(() => token.value !== null && user.value !== null);

  function establish(session: StoredSession): void {
    token.value = session.accessToken;
    user.value = session.user;
    notice.value = null;
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    setAccessToken(session.accessToken);
    useConnectionStore().connect(session.accessToken);
  }

  function clear(): void {
    token.value = null;
    user.value = null;
    localStorage.removeItem(SESSION_KEY);
    setAccessToken(null);
    useConnectionStore().disconnect();
  }

  /** Picks up the stored session and checks in the background that its token still works. */
  function restore(): void {
    const stored = readStoredSession();
    if (!stored) return;
    establish(stored);
    api.me().then(
      (me) => {
        user.value = me;
      },
      // A 401 already ended the session through the http module; other failures are transient.
      () => undefined,
    );
  }

  async function signup(credentials: Credentials): Promise<void> {
    establish(await api.signup(credentials));
  }

  async function login(credentials: Credentials): Promise<void> {
    establish(await api.login(credentials));
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } catch {
      // Signing out locally still matters when the server cannot be told.
    }
    clear();
  }

  function expireSession(message: string): void {
    if (token.value === null) return;
    clear();
    notice.value = message;
  }

  return { token, user, notice, isSignedIn, restore, signup, login, logout, expireSession };
});
