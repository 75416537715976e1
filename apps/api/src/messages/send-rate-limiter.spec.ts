import 'reflect-metadata';
import { AppConfig } from '../config/app-config';
import { parseEnv } from '../config/env';
import { SendRateLimiter } from './send-rate-limiter';

const T0 = 1_700_000_000_000;

function limiter(burst: number, perSecond: number): SendRateLimiter {
  const config = new AppConfig(
    parseEnv({ SEND_BURST: String(burst), SEND_PER_SECOND: String(perSecond) }),
  );
  return new SendRateLimiter(config, null);
}

/** How many of `attempts` sends at instant `now` are allowed. */
function allowedAt(rl: SendRateLimiter, user: string, now: number, attempts: number): number {
  let allowed = 0;
  for (let i = 0; i < attempts; i += 1) if (rl.takeLocal(user, now)) allowed += 1;
  return allowed;
}

describe('SendRateLimiter (in-process bucket)', () => {
  it('allows a full burst, then refuses', () => {
    const rl = limiter(5, 1);
    expect(allowedAt(rl, 'alice', T0, 5)).toBe(5);
    expect(rl.takeLocal('alice', T0)).toBe(false);
  });

  it('refills at SEND_PER_SECOND', () => {
    const rl = limiter(5, 2);
    allowedAt(rl, 'alice', T0, 5);
    expect(rl.takeLocal('alice', T0 + 400)).toBe(false);
    expect(rl.takeLocal('alice', T0 + 500)).toBe(true);
    expect(rl.takeLocal('alice', T0 + 500)).toBe(false);
    expect(allowedAt(rl, 'alice', T0 + 1500, 10)).toBe(2);
  });

  it('never holds more than the burst however long the user was idle', () => {
    const rl = limiter(3, 10);
    allowedAt(rl, 'alice', T0, 3);
    expect(allowedAt(rl, 'alice', T0 + 3_600_000, 10)).toBe(3);
  });

  it('does not count a refused send against the user', () => {
    const rl = limiter(1, 1);
    expect(rl.takeLocal('alice', T0)).toBe(true);
    expect(allowedAt(rl, 'alice', T0 + 500, 20)).toBe(0);
    expect(rl.takeLocal('alice', T0 + 1000)).toBe(true);
  });

  it('keeps one budget per user', () => {
    const rl = limiter(2, 1);
    expect(allowedAt(rl, 'alice', T0, 5)).toBe(2);
    expect(allowedAt(rl, 'bob', T0, 5)).toBe(2);
  });

  it('uses the in-process bucket through tryTake when there is no Redis', async () => {
    const rl = limiter(2, 0.001);
    const answers = [
      await rl.tryTake('carol'),
      await rl.tryTake('carol'),
      await rl.tryTake('carol'),
    ];
    expect(answers).toEqual([true, true, false]);
  });
});
