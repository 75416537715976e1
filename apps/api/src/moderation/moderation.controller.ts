import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Ban } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { BanDto, BanRequestDto } from './dto/ban.dto';
import { ModerationService } from './moderation.service';

const HIDDEN = 'No such room (or one the caller may not see), or no such user.';
const WHO =
  'The owner (on anyone), moderators (not on the owner, moderators or admins) and admins.';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('rooms/:name/bans')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get()
  @ApiOkResponse({ type: [BanDto], description: 'The bans in force, newest first.' })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  list(@Param('name') name: string, @CurrentUser() caller: AuthenticatedUser): Promise<Ban[]> {
    return this.moderation.list(caller, name);
  }

  @Put(':username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The person is out of the room at once (their sockets leave on every instance and get ' +
      '`room:removed`); joining or being added answers forbidden until unbanned or `minutes` pass.',
  })
  @ApiBadRequestResponse({ description: 'A bad `reason` or `minutes`.' })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  ban(
    @Param('name') name: string,
    @Param('username') username: string,
    @Body() body: BanRequestDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.ban(caller, name, username, body);
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The ban is lifted (204 also when there was none).' })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  unban(
    @Param('name') name: string,
    @Param('username') username: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.unban(caller, name, username);
  }
}
