import { Injectable } from '@nestjs/common';
import { passwordProblem, type AuthResponse } from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { toUser } from '../users/user.dto';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { AuthenticatedUser } from './authenticated-user';
import { CommonPasswords } from './common-passwords';
import type { LoginDto, SignupDto } from './dto/credentials.dto';
import { LoginLockoutService } from './login-lockout.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService, type IssuedSession } from './sessions.service';

/** One message for an unknown user and a wrong password, so logins reveal no usernames. */
const BAD_CREDENTIALS = 'invalid username or password';
const NO_SESSION = 'no valid session: log in again';

/** The JSON answer, and the refresh cookie to set with it (absent: leave the cookie alone). */
export interface SessionAnswer {
  body: AuthResponse;
  refresh?: { value: string; expiresAt: Date };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockoutService,
    private readonly commonPasswords: CommonPasswords,
    private readonly realtime: RealtimePublisher,
  ) {}

  async signup({ username, password }: SignupDto): Promise<SessionAnswer> {
    const problem = passwordProblem(password, username);
    if (problem) throw new DomainError('invalid', problem);
    if (this.commonPasswords.has(password)) {
      throw new DomainError('invalid', 'password is too common: choose one that is not on lists');
    }
    const user = await this.users.create(username, await this.hasher.hash(password));
    return answer(await this.sessions.open(user.id), user);
  }

  /** The attempt is counted before the password is checked (see LoginLockoutService). */
  async login({ username, password }: LoginDto): Promise<SessionAnswer> {
    await this.lockout.admit(username);
    const user = await this.users.findForLogin(username);
    if (!(await this.hasher.verify(user?.passwordHash, password)) || !user) {
      throw new DomainError('unauthorized', BAD_CREDENTIALS);
    }
    await this.lockout.clear(username);
    // Only after the right password, so the answer reveals nothing to someone guessing.
    if (user.deactivatedAt !== null) throw new DomainError('forbidden', 'account deactivated');
    return answer(await this.sessions.open(user.id), user);
  }

  /** A replayed (already replaced) credential means it leaked: the session ends everywhere. */
  async refresh(credential: unknown): Promise<SessionAnswer> {
    const outcome = await this.sessions.refresh(credential);
    if (outcome.kind === 'replayed') await this.endSession(outcome.sessionId);
    if (outcome.kind !== 'issued') throw new DomainError('unauthorized', NO_SESSION);
    const user = await this.users.findById(outcome.session.userId);
    if (!user || user.deactivatedAt !== null) throw new DomainError('unauthorized', NO_SESSION);
    return answer(outcome.session, user);
  }

  async logout(caller: AuthenticatedUser): Promise<void> {
    await this.endSession(caller.sessionId);
  }

  private async endSession(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.realtime.disconnectSession(sessionId);
  }
}

function answer({ access, refresh }: IssuedSession, user: UserEntity): SessionAnswer {
  const expiresAt = access.expiresAt.toISOString();
  return { body: { accessToken: access.token, user: toUser(user), expiresAt }, refresh };
}
