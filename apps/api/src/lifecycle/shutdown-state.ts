import { Injectable } from '@nestjs/common';

/** Set once this instance starts to stop; new sockets are then turned away. */
@Injectable()
export class ShutdownState {
  closing = false;
}
