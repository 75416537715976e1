import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Member } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { MemberDto, SetMemberRoleDto, UsernameDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

const HIDDEN = 'No such room, or a private or direct room of others.';

@ApiTags('members')
@SignedIn()
@Controller('rooms/:name/members')
export class MembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @ApiOkResponse({
    type: [MemberDto],
    description: 'Sorted by username. Anyone signed in for a public room; members otherwise.',
  })
  @ApiNotFoundResponse({ description: HIDDEN })
  list(@Param('name') name: string, @CurrentUser() caller: AuthenticatedUser): Promise<Member[]> {
    return this.memberships.list(caller, name);
  }

  @Post()
  @ApiCreatedResponse({ type: MemberDto, description: 'That user gets `room:added`.' })
  @ApiForbiddenResponse({
    description: 'Only the owner (moderators) adds; nobody to a direct room.',
  })
  @ApiNotFoundResponse({ description: `${HIDDEN} Or no such user.` })
  @ApiConflictResponse({ description: 'Already a member.' })
  add(
    @Param('name') name: string,
    @Body() body: UsernameDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Member> {
    return this.memberships.add(caller, name, body.username);
  }

  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The caller’s sockets leave the room (on every instance) and get `room:removed`.',
  })
  @ApiForbiddenResponse({ description: 'The owner, or a direct room.' })
  @ApiNotFoundResponse({ description: `${HIDDEN} Or not a member.` })
  leave(@Param('name') name: string, @CurrentUser() caller: AuthenticatedUser): Promise<void> {
    return this.memberships.leave(caller, name);
  }

  @Patch(':username')
  @ApiOkResponse({
    type: MemberDto,
    description:
      '`moderator` or `member`: the owner (admins) sets it. `owner` hands the room over: the ' +
      'old owner becomes a moderator and `Room.owner` is the new one.',
  })
  @ApiForbiddenResponse({
    description:
      'Only the owner (admins); the owner’s own role only by a hand-over; never in a direct room.',
  })
  @ApiNotFoundResponse({ description: `${HIDDEN} Or no such member.` })
  setRole(
    @Param('name') name: string,
    @Param('username') username: string,
    @Body() body: SetMemberRoleDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Member> {
    return this.memberships.setRole(caller, name, username, body.role);
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'That user’s sockets leave the room on every instance before this answers, and get ' +
      '`room:removed`; presence follows.',
  })
  @ApiForbiddenResponse({ description: 'Only the owner (moderators, not on their peers).' })
  @ApiNotFoundResponse({ description: `${HIDDEN} Or no such member.` })
  remove(
    @Param('name') name: string,
    @Param('username') username: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    return this.memberships.remove(caller, name, username);
  }
}
