import 'reflect-metadata';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { parseEnv } from '../config/env';
import { RedisConnections } from '../redis/redis.module';
import { RateLimits } from './rate-limits.service';

const T0 = 1_700_000_000_000;

/** The limits of one instance without Redis (in memory), on jest's clock. */
function limits(env: Record<string, string> = {}): RateLimits {
  return new RateLimits(new AppConfig(parseEnv(env)), null, new RedisConnections());
}

async function allowedOf(run: () => Promise<{ allowed: boolean }>, attempts: number) {
  let allowed = 0;
  for (let i = 0; i < attempts; i += 1) if ((await run()).allowed) allowed += 1;
  return allowed;
}

describe('RateLimits (in memory)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => jest.useRealTimers());

  it('allows JOINS_PER_MINUTE joins and leaves per socket (default 60), then a minute later again', async () => {
    const l = limits();
    expect(await allowedOf(() => l.take('joins', 'socket-1'), 100)).toBe(60);
    expect((await l.take('joins', 'socket-2')).allowed).toBe(true);
    jest.advanceTimersByTime(60_000);
    expect(await allowedOf(() => l.take('joins', 'socket-1'), 100)).toBe(60);
  });

  it('relays typing once per TYPING_INTERVAL_SECONDS per user and room', async () => {
    const l = limits({ TYPING_INTERVAL_SECONDS: '2' });
    expect(await allowedOf(() => l.take('typing', 'ada:lobby'), 50)).toBe(1);
    expect((await l.take('typing', 'ada:other-room')).allowed).toBe(true);
    jest.advanceTimersByTime(1999);
    expect((await l.take('typing', 'ada:lobby')).allowed).toBe(false);
    jest.advanceTimersByTime(1);
    expect((await l.take('typing', 'ada:lobby')).allowed).toBe(true);
  });

  it('uses the defaults of the contract for rooms, signups and sends', async () => {
    const l = limits();
    expect(await allowedOf(() => l.take('roomCreations', 'ada'), 20)).toBe(10);
    expect(await allowedOf(() => l.take('signups', '10.0.0.1'), 50)).toBe(30);
    expect(await allowedOf(() => l.take('sends', 'ada'), 50)).toBe(30);
    jest.advanceTimersByTime(1000);
    expect(await allowedOf(() => l.take('sends', 'ada'), 50)).toBe(10);
    jest.advanceTimersByTime(3_600_000);
    expect(await allowedOf(() => l.take('roomCreations', 'ada'), 20)).toBe(10);
  });

  it('gives back a refunded point', async () => {
    const l = limits({ ROOMS_PER_HOUR: '1' });
    expect((await l.take('roomCreations', 'ada')).allowed).toBe(true);
    expect(await l.take('roomCreations', 'ada')).toMatchObject({ allowed: false });
    await l.refund('roomCreations', 'ada');
    expect((await l.take('roomCreations', 'ada')).allowed).toBe(true);
  });

  it('hands out a catch-up budget piece by piece, then nothing, until the minute is over', async () => {
    const l = limits({ CATCH_UP_MESSAGES_PER_MINUTE: '1200' });
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(500);
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(500);
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(200);
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(0);
    await l.refund('catchUp', 'ada', 150);
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(150);
    jest.advanceTimersByTime(60_000);
    expect(await l.takeUpTo('catchUp', 'ada', 500)).toBe(500);
  });

  it('says how long to wait when it refuses', async () => {
    const l = limits({ REST_PER_MINUTE: '1' });
    await l.take('restRequests', '10.0.0.1');
    jest.advanceTimersByTime(15_000);
    expect(await l.take('restRequests', '10.0.0.1')).toEqual({
      allowed: false,
      retryAfterMs: 45_000,
    });
  });
});

describe('RateLimits while Redis is away', () => {
  // A real client of a Redis that is not there (never connected, never retried).
  const away = new Redis({
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  const connections = new RedisConnections();
  afterAll(() => connections.closeAll());

  it('goes on counting in memory, each limit with its own budget', async () => {
    const config = new AppConfig(
      parseEnv({ SEND_BURST: '5', SEND_PER_SECOND: '0.001', ROOMS_PER_HOUR: '2' }),
    );
    const l = new RateLimits(config, away, connections);
    expect(await allowedOf(() => l.take('sends', 'ada'), 10)).toBe(5);
    expect(await allowedOf(() => l.take('roomCreations', 'ada'), 10)).toBe(2);
    expect(await allowedOf(() => l.take('typing', 'ada:lobby'), 10)).toBe(1);
  });
});
