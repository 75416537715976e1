import { Body, Controller, Get, HttpStatus, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { MarkReadResponse, Membership, Room } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { RoomDto } from '../rooms/dto/room.dto';
import { MarkReadDto, MarkReadResponseDto, MembershipDto, UsernameDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('memberships')
@SignedIn()
@Controller()
export class MyRoomsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get('me/rooms')
  @ApiOkResponse({
    type: [MembershipDto],
    description: 'Newest `lastMessageAt` first; rooms without messages last, by name.',
  })
  mine(@CurrentUser() caller: AuthenticatedUser): Promise<Membership[]> {
    return this.memberships.mine(caller);
  }

  @Put('rooms/:name/read')
  @ApiOkResponse({
    type: MarkReadResponseDto,
    description:
      'The larger of the stored and the given id, never past the newest message. The ' +
      'caller’s sockets get `read` when it moved.',
  })
  @ApiBadRequestResponse({ description: 'Not a message id.' })
  @ApiNotFoundResponse({ description: 'No such room, or not a member.' })
  markRead(
    @Param('name') name: string,
    @Body() body: MarkReadDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<MarkReadResponse> {
    return this.memberships.markRead(caller, name, body.lastReadId);
  }

  @Post('direct')
  @ApiCreatedResponse({ type: RoomDto, description: 'A new direct room (200: it existed).' })
  @ApiOkResponse({ type: RoomDto, description: 'The pair’s existing direct room.' })
  @ApiBadRequestResponse({ description: 'Oneself.' })
  @ApiNotFoundResponse({ description: 'No such user.' })
  async direct(
    @Body() body: UsernameDto,
    @CurrentUser() caller: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Room> {
    const { room, created } = await this.memberships.openDirect(caller, body.username);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return room;
  }
}
