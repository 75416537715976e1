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
import { RoomsService } from '../rooms/rooms.service';
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
    private readonly rooms: RoomsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [MessageDto], description: 'Oldest first.' })
  @ApiBadRequestResponse({ description: 'A bad cursor or limit, or both cursors.' })
  @ApiNotFoundResponse()
  async list(@Param('name') name: string, @Query() query: MessagesQueryDto): Promise<Message[]> {
    return this.messages.page(await this.rooms.findEntity(name), query);
  }

  /** Sends have their own per-user limit (SEND_BURST, SEND_PER_SECOND), not the per-address one. */
  @Post()
  @SkipRestLimit()
  @ApiCreatedResponse({ type: MessageDto, description: 'Also broadcast as `message:new`.' })
  @ApiBadRequestResponse({ description: 'Empty or over-long content, or a bad clientId.' })
  @ApiTooManyRequestsResponse({ description: 'Sending too fast.' })
  @ApiNotFoundResponse()
  async send(
    @Param('name') name: string,
    @Body() body: SendMessageDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    return this.messages.send(
      caller,
      await this.rooms.findEntity(name),
      body.content,
      body.clientId,
    );
  }
}
