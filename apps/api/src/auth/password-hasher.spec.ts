import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores argon2id with m=19456, t=2, p=1 and a random salt', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(first).not.toContain('correct horse battery');
    expect(second).not.toBe(first);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery');
    await expect(hasher.verify(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'correct horse batterY')).resolves.toBe(false);
    await expect(hasher.verify(hash, '')).resolves.toBe(false);
  });

  it('refuses every password for a user that does not exist', async () => {
    await expect(hasher.verify(undefined, 'decoy password that never matches')).resolves.toBe(
      false,
    );
    await expect(hasher.verify(undefined, 'anything')).resolves.toBe(false);
  });

  it('handles passwords outside ASCII', async () => {
    const hash = await hasher.hash('pässwörd 🔑 كلمة');
    await expect(hasher.verify(hash, 'pässwörd 🔑 كلمة')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'passwörd 🔑 كلمة')).resolves.toBe(false);
  });
});
