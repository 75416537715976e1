import { closeAll, connect, joinRoom, type ChatClient } from '../../support/factories';
import { startApi, stopAll, type ApiProcess } from './api-process';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/**
 * Two API processes sharing one fresh database (and this machine's Redis), for one `describe`
 * block: started before its tests, stopped after them; sockets opened through it are closed
 * after each test.
 */
export class TwoInstances {
  private db?: ScratchDatabase;
  private instanceA?: ApiProcess;
  private instanceB?: ApiProcess;
  private readonly sockets: ChatClient[] = [];

  /** Call inside `describe`: registers the hooks that start and stop the pair. */
  static forDescribe(ports: [number, number], env?: Record<string, string>): TwoInstances {
    const pair = new TwoInstances();
    beforeAll(async () => {
      pair.db = await createScratchDatabase();
      pair.instanceA = await startApi({ port: ports[0], databaseUrl: pair.db.url, env });
      pair.instanceB = await startApi({ port: ports[1], databaseUrl: pair.db.url, env });
    });
    afterEach(() => closeAll(pair.sockets.splice(0)));
    afterAll(async () => {
      await stopAll([pair.instanceA, pair.instanceB]);
      await pair.db?.drop();
    });
    return pair;
  }

  get a(): ApiProcess {
    return started(this.instanceA);
  }

  get b(): ApiProcess {
    return started(this.instanceB);
  }

  /** A socket on `api`, joined to `room` when one is given. */
  async socketOn(api: ApiProcess, token: string, room?: string): Promise<ChatClient> {
    const socket = await connect(api.url, token);
    this.sockets.push(socket);
    if (room !== undefined) await joinRoom(socket, room);
    return socket;
  }
}

function started(api: ApiProcess | undefined): ApiProcess {
  if (!api) throw new Error('the two instances start in beforeAll');
  return api;
}
