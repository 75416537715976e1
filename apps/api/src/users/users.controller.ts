import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { USERS_PAGE_DEFAULT, type UserSummary } from '@chat/contract';
import { SignedIn } from '../auth/signed-in.decorator';
import { UserSummaryDto } from './user.dto';
import { UsersQueryDto } from './users-query.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@SignedIn()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({
    type: [UserSummaryDto],
    description: 'Whose username starts with `query` (case-insensitively), sorted by username.',
  })
  @ApiBadRequestResponse({ description: 'A bad `limit` or `query`.' })
  search(@Query() query: UsersQueryDto): Promise<UserSummary[]> {
    return this.users.search(query.query ?? '', query.limit ?? USERS_PAGE_DEFAULT);
  }
}
