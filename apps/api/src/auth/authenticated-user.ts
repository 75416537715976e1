import type { UserSummary } from '@chat/contract';

/** Who is calling, on REST (`request.user`) and on sockets (`socket.data.user`). */
export interface AuthenticatedUser extends UserSummary {
  sessionId: string;
}

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}
