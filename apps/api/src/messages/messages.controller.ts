import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipRestLimit } from '../limits/rest-limit.guard';
import type { Message } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { RoomAccess } from '../rooms/room-access.service';
import { MessageDto } from './dto/message.dto';
import { MessagesQueryDto } from './dto/messages-query.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('rooms/:name/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly access: RoomAccess,
  ) {}

  @Get()
  @ApiOkResponse({ type: [MessageDto], description: 'Oldest first.' })
  @ApiBadRequestResponse({ description: 'A bad cursor or limit, or both cursors.' })
  @ApiNotFoundResponse({ description: 'No such room, or a private or direct room of others.' })
  async list(
    @Param('name') name: string,
    @Query() query: MessagesQueryDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message[]> {
    const { room } = await this.access.find(name, caller.id);
    return this.messages.page(room, query);
  }

  /**
   * Sends have their own per-user limit (SEND_BURST, SEND_PER_SECOND), not the per-address one.
   * A send to a public room makes the sender a member.
   */
  @Post()
  @SkipRestLimit()
  @ApiCreatedResponse({
    type: MessageDto,
    description:
      'Also broadcast as `message:new`; a send to a public room makes the sender a member.',
  })
  @ApiBadRequestResponse({ description: 'Empty or over-long content, or a bad clientId.' })
  @ApiTooManyRequestsResponse({ description: 'Sending too fast.' })
  @ApiNotFoundResponse({ description: 'No such room, or a private or direct room of others.' })
  async send(
    @Param('name') name: string,
    @Body() body: SendMessageDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    const view = await this.access.find(name, caller.id);
    await this.access.enterPublic(view, caller.id);
    return this.messages.send(caller, view.room, body.content, body.clientId);
  }
}
