import { inTurn, type ChatSocket } from './chat-socket';

/** A socket as inTurn sees it: only the tail of its join / leave chain. */
const socketStub = (): ChatSocket => {
  const data = { membership: Promise.resolve() };
  return { data } as unknown as ChatSocket;
};

/** A task that starts when inTurn runs it and finishes only when the test says so. */
function heldTask(name: string, log: string[]) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const task = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`${name} started`);
      finish = () => {
        log.push(`${name} finished`);
        resolve(name);
      };
      fail = (error) => {
        log.push(`${name} failed`);
        reject(error);
      };
    });
  return { task, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('inTurn: a socket’s joins and leaves one after another', () => {
  it('starts each only when the one before has finished, whatever order they would finish in', async () => {
    const socket = socketStub();
    const log: string[] = [];
    const join = heldTask('join', log);
    const rejoin = heldTask('rejoin', log);
    const leave = heldTask('leave', log);
    const results = [join, rejoin, leave].map((held) => inTurn(socket, held.task));
    await settle();
    expect(log).toEqual(['join started']);
    join.finish();
    await settle();
    rejoin.finish();
    await settle();
    expect(log).toEqual([
      'join started',
      'join finished',
      'rejoin started',
      'rejoin finished',
      'leave started',
    ]);
    leave.finish();
    await expect(Promise.all(results)).resolves.toEqual(['join', 'rejoin', 'leave']);
  });

  it('goes on after a task that failed, and hands the failure to that task’s caller alone', async () => {
    const socket = socketStub();
    const log: string[] = [];
    const join = heldTask('join', log);
    const leave = heldTask('leave', log);
    const joined = inTurn(socket, join.task);
    const left = inTurn(socket, leave.task);
    await settle();
    join.fail(new Error('no such room'));
    await expect(joined).rejects.toThrow('no such room');
    await settle();
    expect(log).toEqual(['join started', 'join failed', 'leave started']);
    leave.finish();
    await expect(left).resolves.toBe('leave');
  });
});
