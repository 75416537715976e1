import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { LoginFailureEntity } from '../auth/login-failure.entity';
import { SessionEntity } from '../auth/session.entity';
import { RoomMemberEntity } from '../memberships/room-member.entity';
import { MessageEntity } from '../messages/message.entity';
import { ReactionEntity } from '../messages/reaction.entity';
import { InstanceEntity } from '../presence/instance.entity';
import { PresenceEntity } from '../presence/presence.entity';
import { RoomEntity } from '../rooms/room.entity';
import { UserEntity } from '../users/user.entity';
import { InitialSchema1764086400000 } from './migrations/1764086400000-initial-schema';
import { SessionRefresh1764810000000 } from './migrations/1764810000000-session-refresh';
import { MessagesThatChange1765000000000 } from './migrations/1765000000000-messages-that-change';
import { Memberships1765100000000 } from './migrations/1765100000000-memberships';
import { Mentions1765100000001 } from './migrations/1765100000001-mentions';
import { UsernamePrefixIndex1765100000002 } from './migrations/1765100000002-username-prefix-index';
import { SiteRolesAndAudit1765200000000 } from './migrations/1765200000000-site-roles-and-audit';
import { RoomBans1765200000001 } from './migrations/1765200000001-room-bans';
import { RoomTimeouts1765200000002 } from './migrations/1765200000002-room-timeouts';
import { ForgetDeletedMentions1765300000000 } from './migrations/1765300000000-forget-deleted-mentions';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  LoginFailureEntity,
  RoomEntity,
  MessageEntity,
  ReactionEntity,
  RoomMemberEntity,
  InstanceEntity,
  PresenceEntity,
  AuditEntryEntity,
];

/** In order; each runs once, recorded in the `migrations` table. */
export const MIGRATIONS = [
  InitialSchema1764086400000,
  SessionRefresh1764810000000,
  MessagesThatChange1765000000000,
  Memberships1765100000000,
  Mentions1765100000001,
  UsernamePrefixIndex1765100000002,
  SiteRolesAndAudit1765200000000,
  RoomBans1765200000001,
  RoomTimeouts1765200000002,
  ForgetDeletedMentions1765300000000,
];
