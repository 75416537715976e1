import { randomUUID } from 'node:crypto';

/** This process's id in the `instances` table; presence rows carry it so a crash can be swept. */
export class InstanceIdentity {
  readonly id = randomUUID();
}
