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
import type { RoomTimeout } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { RoomTimeoutDto, TimeoutRequestDto } from './dto/timeout.dto';
import { ModerationService } from './moderation.service';

const HIDDEN = 'No such room (or one the caller may not see), or the person is not a member.';
const WHO =
  'The owner (on anyone), moderators (not on the owner, moderators or admins) and admins.';

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('rooms/:name/timeouts')
export class TimeoutsController {
  constructor(private readonly moderation: ModerationService) {}

  @Get()
  @ApiOkResponse({
    type: [RoomTimeoutDto],
    description: 'Added: the time-outs in force, soonest to end first.',
  })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  list(
    @Param('name') name: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<RoomTimeout[]> {
    return this.moderation.listTimeouts(caller, name);
  }

  @Put(':username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The member may read; their sends, edits and reactions answer forbidden (REST 403, ' +
      'socket `forbidden`) until `minutes` pass or it is lifted; they may still delete their ' +
      'own messages. Their sockets hear `room:timeout` with `until`. A time-out in force is ' +
      'replaced.',
  })
  @ApiBadRequestResponse({ description: 'A bad `minutes` (1..10080).' })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  timeOut(
    @Param('name') name: string,
    @Param('username') username: string,
    @Body() body: TimeoutRequestDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.timeOut(caller, name, username, body);
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The time-out is lifted (204 also when there was none); their sockets hear ' +
      '`room:timeout` with `until: null`.',
  })
  @ApiForbiddenResponse({ description: WHO })
  @ApiNotFoundResponse({ description: HIDDEN })
  lift(
    @Param('name') name: string,
    @Param('username') username: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.moderation.liftTimeout(caller, name, username);
  }
}
