import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AdminUser, AuditEntry } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { AdminGuard } from './admin.guard';
import { AdminService } from './admin.service';
import {
  AdminUserDto,
  AdminUserPatchDto,
  AdminUsersQueryDto,
  AuditEntryDto,
  AuditQueryDto,
} from './dto/admin.dto';

@ApiTags('admin')
@ApiUnauthorizedResponse({ description: 'No valid token.' })
@ApiForbiddenResponse({ description: 'The caller is not an admin.' })
@Controller('admin')
@SignedIn(AdminGuard)
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  @ApiOkResponse({
    type: [AdminUserDto],
    description:
      'Sorted by username, case-insensitively; the next page is `?after=<last username>`.',
  })
  @ApiBadRequestResponse({ description: 'A bad `query`, `after` or `limit`.' })
  users(@Query() query: AdminUsersQueryDto): Promise<AdminUser[]> {
    return this.admin.listUsers(query);
  }

  @Patch('users/:username')
  @ApiOkResponse({
    type: AdminUserDto,
    description:
      'Deactivating ends every session of the account at once (REST 401, sockets ' +
      'disconnected on every instance); login then answers 403 `account deactivated` after ' +
      'the right password. Sessions stay ended after a reactivation.',
  })
  @ApiBadRequestResponse({ description: 'A bad `role` or `deactivated`.' })
  @ApiNotFoundResponse({ description: 'No account with this username.' })
  @ApiConflictResponse({
    description: 'The last active admin cannot be demoted or deactivated.',
  })
  patchUser(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('username') username: string,
    @Body() body: AdminUserPatchDto,
  ): Promise<AdminUser> {
    return this.admin.patchUser(caller, username, body);
  }

  @Get('audit')
  @ApiOkResponse({
    type: [AuditEntryDto],
    description: 'Newest first; the next page is `?before=<last id>`.',
  })
  @ApiBadRequestResponse({ description: 'A bad `before` or `limit`.' })
  audit(@Query() query: AuditQueryDto): Promise<AuditEntry[]> {
    return this.admin.listAudit(query);
  }
}
