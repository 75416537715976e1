import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async create(username: string, passwordHash: string): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create({ username, passwordHash }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'username is already taken');
      throw error;
    }
  }

  /** Case-insensitive, with the password hash (which is otherwise never selected). */
  findForLogin(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }
}
