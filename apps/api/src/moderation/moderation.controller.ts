import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Ban, RoomTimeout } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { BanDto, BanRequestDto } from './dto/ban.dto';
import { RoomTimeoutDto, TimeoutRequestDto } from './dto/timeout.dto';
import { ModerationService } from './moderation.service';

/** Who may, and what a caller who may not see the room (or the person) is answered. */
const Moderators = (hidden: string) =>
  applyDecorators(
    ApiForbiddenResponse({
      description:
        'The owner (on anyone but the owner), moderators (not on the owner, moderators or ' +
        'admins) and admins; nobody on themselves.',
    }),
    ApiNotFoundResponse({ description: `No such room (or one the caller may not see)${hidden}.` }),
  );
const NO_USER = ', or no such user';
const NO_MEMBER = ', or the person is not a member';

/** Bans (on anyone) and time-outs (on members) in a room. */
@ApiTags('moderation')
@SignedIn()
@Controller('rooms/:name')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get('bans')
  @ApiOkResponse({ type: [BanDto], description: 'The bans in force, newest first.' })
  @Moderators('')
  list(@Param('name') name: string, @CurrentUser() caller: AuthenticatedUser): Promise<Ban[]> {
    return this.moderation.list(caller, name);
  }

  @Put('bans/:username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The person is out of the room at once (their sockets leave on every instance and get ' +
      '`room:removed`); joining or being added answers forbidden until unbanned or `minutes` pass.',
  })
  @ApiBadRequestResponse({ description: 'A bad `reason` or `minutes`.' })
  @Moderators(NO_USER)
  ban(
    @Param('name') name: string,
    @Param('username') username: string,
    @Body() body: BanRequestDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.ban(caller, name, username, body);
  }

  @Delete('bans/:username')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The ban is lifted (204 also when there was none).' })
  @Moderators(NO_USER)
  unban(
    @Param('name') name: string,
    @Param('username') username: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.unban(caller, name, username);
  }

  @Get('timeouts')
  @ApiOkResponse({
    type: [RoomTimeoutDto],
    description: 'Added: the time-outs in force, soonest to end first.',
  })
  @Moderators('')
  listTimeouts(
    @Param('name') name: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<RoomTimeout[]> {
    return this.moderation.listTimeouts(caller, name);
  }

  @Put('timeouts/:username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The member may read; their sends, edits and reactions answer forbidden (REST 403, ' +
      'socket `forbidden`) until `minutes` pass or it is lifted; they may still delete their ' +
      'own messages. Their sockets hear `room:timeout` with `until`. A time-out in force is ' +
      'replaced.',
  })
  @ApiBadRequestResponse({ description: 'A bad `minutes` (1..10080).' })
  @Moderators(NO_MEMBER)
  timeOut(
    @Param('name') name: string,
    @Param('username') username: string,
    @Body() body: TimeoutRequestDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.timeOut(caller, name, username, body);
  }

  @Delete('timeouts/:username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The time-out is lifted (204 also when there was none); their sockets hear ' +
      '`room:timeout` with `until: null`.',
  })
  @Moderators(NO_MEMBER)
  liftTimeout(
    @Param('name') name: string,
    @Param('username') username: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.liftTimeout(caller, name, username);
  }
}
