import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipRestLimit } from '../limits/rest-limit.guard';
import type { Message } from '@chat/contract';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { SignedIn } from '../auth/signed-in.decorator';
import { RoomAccess } from '../rooms/room-access.service';
import { ChangesQueryDto } from './dto/changes-query.dto';
import { EditMessageDto } from './dto/edit-message.dto';
import { MessageDto } from './dto/message.dto';
import { MessageParamsDto, ReactionParamsDto } from './dto/message-params.dto';
import { MessagesQueryDto } from './dto/messages-query.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { MessageChanges } from './message-changes.service';
import { MessagesService } from './messages.service';

/**
 * A room's messages over REST. The routes that change something count against the sender's
 * message budget (SEND_BURST, SEND_PER_SECOND), not the per-address REST limit.
 */
@ApiTags('messages')
@SignedIn()
@Controller('rooms/:name')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly changes: MessageChanges,
    private readonly access: RoomAccess,
  ) {}

  /** The room as the caller may see it: a private or direct room of others is 404. */
  private async visible(name: string, caller: AuthenticatedUser) {
    return (await this.access.find(name, caller.id)).room;
  }

  /** As `visible`; sending or reacting in a public room makes the caller a member. */
  private async entered(name: string, caller: AuthenticatedUser) {
    const view = await this.access.find(name, caller.id);
    await this.access.enterPublic(view, caller.id);
    return view.room;
  }

  @Get('messages')
  @ApiOkResponse({ type: [MessageDto], description: 'Oldest first; deleted messages left out.' })
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

  @Post('messages')
  @SkipRestLimit()
  @ApiCreatedResponse({
    type: MessageDto,
    description:
      'Also broadcast as `message:new`; a send to a public room makes the sender a member.',
  })
  @ApiBadRequestResponse({ description: 'Empty or over-long content, or a bad clientId.' })
  @ApiTooManyRequestsResponse({ description: 'Sending too fast.' })
  @ApiNotFoundResponse({ description: 'No such room, or `replyTo` unknown, deleted or elsewhere.' })
  async send(
    @Param('name') name: string,
    @Body() body: SendMessageDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    return this.messages.send(caller, await this.entered(name, caller), body.content, body);
  }

  @Get('messages/:id')
  @ApiOkResponse({ type: MessageDto, description: 'As it is now; a tombstone when deleted.' })
  @ApiBadRequestResponse({ description: 'A malformed message id.' })
  @ApiNotFoundResponse({
    description: 'No such room (or a private or direct room of others), or message.',
  })
  async get(
    @Param() params: MessageParamsDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    return this.messages.get(await this.visible(params.name, caller), params.id);
  }

  @Patch('messages/:id')
  @SkipRestLimit()
  @ApiOkResponse({ type: MessageDto, description: 'Broadcast as `message:updated`.' })
  @ApiBadRequestResponse({ description: 'Empty or over-long content, or a malformed id.' })
  @ApiForbiddenResponse({ description: 'Not the author.' })
  @ApiNotFoundResponse({ description: 'No such room or message, or the message is deleted.' })
  @ApiTooManyRequestsResponse({ description: 'Over the message budget.' })
  async edit(
    @Param() params: MessageParamsDto,
    @Body() body: EditMessageDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    const room = await this.visible(params.name, caller);
    return this.changes.edit(caller, room, params.id, body.content);
  }

  @Delete('messages/:id')
  @SkipRestLimit()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'A tombstone now (also when it was one already).' })
  @ApiBadRequestResponse({ description: 'A malformed message id.' })
  @ApiForbiddenResponse({ description: 'Neither the author nor the room’s owner.' })
  @ApiNotFoundResponse({
    description: 'No such room (or a private or direct room of others), or message.',
  })
  @ApiTooManyRequestsResponse({ description: 'Over the message budget.' })
  async delete(
    @Param() params: MessageParamsDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    await this.changes.delete(caller, await this.visible(params.name, caller), params.id);
  }

  @Put('messages/:id/reactions/:emoji')
  @SkipRestLimit()
  @ApiOkResponse({ type: MessageDto, description: 'Broadcast as `message:updated` when added.' })
  @ApiBadRequestResponse({ description: 'Not one emoji, or the 21st distinct emoji.' })
  @ApiNotFoundResponse({ description: 'No such room or message, or the message is deleted.' })
  @ApiTooManyRequestsResponse({ description: 'Over the message budget.' })
  async addReaction(
    @Param() params: ReactionParamsDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    const room = await this.entered(params.name, caller);
    return this.changes.addReaction(caller, room, params.id, params.emoji);
  }

  @Delete('messages/:id/reactions/:emoji')
  @SkipRestLimit()
  @ApiOkResponse({ type: MessageDto, description: 'Broadcast as `message:updated` when removed.' })
  @ApiBadRequestResponse({ description: 'Not one emoji.' })
  @ApiNotFoundResponse({ description: 'No such room or message, or the message is deleted.' })
  @ApiTooManyRequestsResponse({ description: 'Over the message budget.' })
  async removeReaction(
    @Param() params: ReactionParamsDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message> {
    const room = await this.visible(params.name, caller);
    return this.changes.removeReaction(caller, room, params.id, params.emoji);
  }

  @Get('changes')
  @ApiOkResponse({
    type: [MessageDto],
    description:
      'Every message with `seq > after`, tombstones included, in `seq` order: page from your ' +
      'cursor until a page is shorter than `limit`.',
  })
  @ApiBadRequestResponse({ description: 'A missing or bad `after`, or a bad limit.' })
  @ApiNotFoundResponse({
    description: 'No such room (or a private or direct room of others), or message.',
  })
  async changesSince(
    @Param('name') name: string,
    @Query() query: ChangesQueryDto,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Message[]> {
    return this.messages.changes(await this.visible(name, caller), query.after, query.limit);
  }
}
