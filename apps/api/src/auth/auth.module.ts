import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthSweeper } from './auth-sweeper.service';
import { CommonPasswords } from './common-passwords';
import { JwtSecret } from './jwt-secret';
import { JwtStrategy } from './jwt.strategy';
import { LoginFailureEntity } from './login-failure.entity';
import { LoginLockoutService } from './login-lockout.service';
import { PasswordHasher } from './password-hasher';
import { SessionEntity } from './session.entity';
import { SessionsService } from './sessions.service';

const jwtSecretProvider = {
  provide: JwtSecret,
  inject: [AppConfig],
  useFactory: ({ env }: AppConfig) => JwtSecret.resolve(env),
};

@Module({
  imports: [
    UsersModule,
    PassportModule,
    TypeOrmModule.forFeature([SessionEntity, LoginFailureEntity]),
    JwtModule.registerAsync({
      extraProviders: [jwtSecretProvider],
      inject: [JwtSecret],
      // The KeyObject, never the string: given a string, jsonwebtoken first tries (and fails)
      // to parse it as a PEM key on every call.
      useFactory: (secret: JwtSecret) => ({
        secret: secret.key,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    jwtSecretProvider,
    AuthService,
    SessionsService,
    PasswordHasher,
    LoginLockoutService,
    CommonPasswords,
    JwtStrategy,
    AuthSweeper,
  ],
  exports: [SessionsService],
})
export class AuthModule {}
