import { MemoryTokenBucket } from './send-budget';

const T0 = 1_700_000_000_000;

/** How many of `attempts` sends at this instant are allowed. */
async function allowedNow(bucket: MemoryTokenBucket, user: string, attempts: number) {
  let allowed = 0;
  for (let i = 0; i < attempts; i += 1) if (await takes(bucket, user)) allowed += 1;
  return allowed;
}

const takes = (bucket: MemoryTokenBucket, user: string) =>
  bucket.consume(user, 1).then(
    () => true,
    () => false,
  );

/** The clock is jest's: `at(ms)` moves it to T0 + ms. */
const at = (ms: number) => jest.setSystemTime(T0 + ms);

/** The cases of the hand-written bucket this replaces, on the clock of jest's fake timers. */
describe('the send budget in memory (a token bucket)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => jest.useRealTimers());

  it('allows a full burst, then refuses', async () => {
    const bucket = new MemoryTokenBucket(5, 1);
    expect(await allowedNow(bucket, 'alice', 5)).toBe(5);
    expect(await takes(bucket, 'alice')).toBe(false);
  });

  it('refills at SEND_PER_SECOND, a token at a time', async () => {
    const bucket = new MemoryTokenBucket(5, 2);
    await allowedNow(bucket, 'alice', 5);
    at(400);
    expect(await takes(bucket, 'alice')).toBe(false);
    at(500);
    expect(await takes(bucket, 'alice')).toBe(true);
    expect(await takes(bucket, 'alice')).toBe(false);
    at(1500);
    expect(await allowedNow(bucket, 'alice', 10)).toBe(2);
  });

  it('never holds more than the burst however long the user was idle', async () => {
    const bucket = new MemoryTokenBucket(3, 10);
    await allowedNow(bucket, 'alice', 3);
    at(3_600_000);
    expect(await allowedNow(bucket, 'alice', 10)).toBe(3);
  });

  it('does not count a refused send against the user', async () => {
    const bucket = new MemoryTokenBucket(1, 1);
    expect(await takes(bucket, 'alice')).toBe(true);
    at(500);
    expect(await allowedNow(bucket, 'alice', 20)).toBe(0);
    at(1000);
    expect(await takes(bucket, 'alice')).toBe(true);
  });

  it('keeps one budget per user', async () => {
    const bucket = new MemoryTokenBucket(2, 1);
    expect(await allowedNow(bucket, 'alice', 5)).toBe(2);
    expect(await allowedNow(bucket, 'bob', 5)).toBe(2);
  });

  it('refills slowly at a low rate', async () => {
    const bucket = new MemoryTokenBucket(2, 0.001);
    expect(await allowedNow(bucket, 'carol', 3)).toBe(2);
    at(999_000);
    expect(await takes(bucket, 'carol')).toBe(false);
    at(1_000_000);
    expect(await takes(bucket, 'carol')).toBe(true);
  });

  it('takes a refund back, up to the burst', async () => {
    const bucket = new MemoryTokenBucket(2, 0.001);
    await allowedNow(bucket, 'dave', 2);
    await bucket.reward('dave', 1);
    expect(await allowedNow(bucket, 'dave', 3)).toBe(1);
    await bucket.reward('dave', 5);
    expect(await allowedNow(bucket, 'dave', 3)).toBe(2);
  });

  it('says how long to wait when it refuses', async () => {
    const bucket = new MemoryTokenBucket(1, 4);
    await takes(bucket, 'erin');
    await expect(bucket.consume('erin', 1)).rejects.toMatchObject({ msBeforeNext: 250 });
  });
});
