import { Injectable } from '@nestjs/common';
import { passwordProblem, type AuthResponse } from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { toUser } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import type { AuthenticatedUser } from './authenticated-user';
import type { LoginDto, SignupDto } from './dto/credentials.dto';
import { LoginLockoutService } from './login-lockout.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/** One message for an unknown user and a wrong password, so logins reveal no usernames. */
const BAD_CREDENTIALS = 'invalid username or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockoutService,
    private readonly realtime: RealtimePublisher,
  ) {}

  async signup({ username, password }: SignupDto): Promise<AuthResponse> {
    const problem = passwordProblem(password, username);
    if (problem) throw new DomainError('invalid', problem);
    const user = await this.users.create(username, await this.hasher.hash(password));
    return { accessToken: await this.sessions.open(user), user: toUser(user) };
  }

  async login({ username, password }: LoginDto): Promise<AuthResponse> {
    await this.lockout.assertNotLocked(username);
    const user = await this.users.findForLogin(username);
    if (!(await this.hasher.verify(user?.passwordHash, password)) || !user) {
      await this.lockout.recordFailure(username);
      throw new DomainError('unauthorized', BAD_CREDENTIALS);
    }
    await this.lockout.clear(username);
    return { accessToken: await this.sessions.open(user), user: toUser(user) };
  }

  async logout(caller: AuthenticatedUser): Promise<void> {
    await this.sessions.revoke(caller.sessionId);
    this.realtime.disconnectSession(caller.sessionId);
  }
}
