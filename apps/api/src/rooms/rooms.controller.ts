import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Room, RoomDetail } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { LimitedBy } from '../limits/route-limit';
import { PresenceService } from '../presence/presence.service';
import { CreateRoomDto } from './dto/create-room.dto';
import { RoomDetailDto, RoomDto } from './dto/room.dto';
import { RoomsQueryDto } from './dto/rooms-query.dto';
import { RoomAccess } from './room-access.service';
import { RoomListService } from './room-list.service';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly roomList: RoomListService,
    private readonly presence: PresenceService,
    private readonly access: RoomAccess,
  ) {}

  @Get()
  @ApiOkResponse({
    type: [RoomDto],
    description:
      'The public rooms, sorted by name, case-insensitively. Every one, or with `limit` one ' +
      'page: the next page ' +
      'is `?after=<last name>&limit=…`, until a page is shorter than `limit`.',
  })
  @ApiBadRequestResponse({ description: 'A bad `limit` or `after`.' })
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Query() query: RoomsQueryDto): Promise<string> {
    // Already JSON text: see RoomListService for why.
    return this.roomList.json(query);
  }

  @Post()
  @SignedIn()
  @LimitedBy('roomCreations')
  @ApiCreatedResponse({
    type: RoomDto,
    description:
      'The caller is the new room’s owner member. A private room is seen by its members alone.',
  })
  @ApiBadRequestResponse({
    description: 'An invalid room name (or one starting with `dm-`), or kind.',
  })
  @ApiConflictResponse({
    description: 'A room with this name (in any casing) exists, private and direct ones included.',
  })
  create(@Body() body: CreateRoomDto, @CurrentUser() caller: AuthenticatedUser): Promise<Room> {
    return this.rooms.create(body.name, caller.id, body.kind);
  }

  @Get(':name')
  @SignedIn()
  @ApiOkResponse({ type: RoomDetailDto })
  @ApiNotFoundResponse({ description: 'No such room, or a private or direct room of others.' })
  async get(
    @Param('name') name: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<RoomDetail> {
    await this.access.find(name, caller.id);
    const room = await this.rooms.getByName(name);
    const { online } = await this.presence.list(room.id, room.name);
    return { ...room, online };
  }

  @Delete(':name')
  @HttpCode(204)
  @SignedIn()
  @ApiNoContentResponse({ description: 'Members get `room:deleted` and are removed from it.' })
  @ApiForbiddenResponse({
    description: 'Only the owner may delete a room; nobody deletes a direct room.',
  })
  @ApiNotFoundResponse({ description: 'No such room, or a private or direct room of others.' })
  async delete(
    @Param('name') name: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    const { room } = await this.access.require(name, caller.id, 'room.delete');
    await this.rooms.delete(room, caller.id);
  }
}
