import {
  CHAT_NAMESPACE,
  ERROR_CODES,
  MAX_PAYLOAD_BYTES,
  UNAUTHORIZED_HANDSHAKE,
  UNKNOWN_EVENT,
} from '@chat/contract';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../chat/chat-events';
import {
  SCHEMA_PREFIX,
  schemaOf,
  schemasReachedFrom,
  toDraft07,
  type DtoClass,
  type SchemaObject,
} from './dto-schemas';

export interface AsyncApiReference {
  $ref: string;
}
export interface AsyncApiMessage {
  name: string;
  title: string;
  payload: SchemaObject | AsyncApiReference;
}
export interface AsyncApiChannel {
  address: string;
  description: string;
  messages: Record<string, AsyncApiReference>;
}
export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: AsyncApiReference;
  summary: string;
  messages: AsyncApiReference[];
  reply?: { channel: AsyncApiReference; messages: AsyncApiReference[] };
}
export interface AsyncApiServer {
  host: string;
  protocol: 'ws';
  pathname: string;
  description: string;
  variables: Record<string, { default: string; description: string }>;
  security: AsyncApiReference[];
}
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, SchemaObject>;
    messages: Record<string, AsyncApiMessage>;
    securitySchemes: Record<string, object>;
  };
}

const ref = ($ref: string): AsyncApiReference => ({ $ref });
const schemaRef = (name: string): AsyncApiReference => ({ $ref: SCHEMA_PREFIX + name });

/** `room:join` -> `roomJoin`: ids must be plain words, event names have colons. */
export const asyncApiId = (event: string): string =>
  event.replace(/:(\w)/g, (_match: string, letter: string) => letter.toUpperCase());
const pascal = (event: string): string => {
  const id = asyncApiId(event);
  return id.charAt(0).toUpperCase() + id.slice(1);
};

/** The name of the schema of an event's `{ ok: true, ... }` acknowledgement. */
export const ackSchemaName = (event: string): string => `${pascal(event)}Ok`;

interface ClientSpec {
  summary: string;
  payload: DtoClass;
  ack: DtoClass | null;
}
interface ServerSpec {
  summary: string;
  payload: DtoClass;
}
const clientEvents = (): [string, ClientSpec][] => Object.entries(CLIENT_EVENTS);
const serverEvents = (): [string, ServerSpec][] => Object.entries(SERVER_EVENTS);

/** `{ ok: true }` followed by the fields of the ack's class. */
function ackSchema(ack: DtoClass | null): SchemaObject {
  const ok: SchemaObject = { type: 'boolean', enum: [true] };
  if (!ack) return { type: 'object', properties: { ok }, required: ['ok'] };
  const body = toDraft07(schemaOf(ack));
  return {
    type: 'object',
    properties: { ok, ...body.properties },
    required: ['ok', ...(body.required ?? [])],
  };
}

function buildSchemas(): Record<string, SchemaObject> {
  const classes: DtoClass[] = [
    ...clientEvents().flatMap(([, spec]) => [spec.payload, ...(spec.ack ? [spec.ack] : [])]),
    ...serverEvents().map(([, spec]) => spec.payload),
  ];
  const schemas: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(schemasReachedFrom(classes))) {
    schemas[name] = toDraft07(schema);
  }
  for (const [event, spec] of clientEvents()) schemas[ackSchemaName(event)] = ackSchema(spec.ack);
  schemas['ErrorCode'] = { type: 'string', enum: [...ERROR_CODES] };
  schemas['AckError'] = {
    type: 'object',
    properties: {
      ok: { type: 'boolean', enum: [false] },
      error: {
        type: 'object',
        properties: { code: schemaRef('ErrorCode'), message: { type: 'string' } },
        required: ['code', 'message'],
      },
    },
    required: ['ok', 'error'],
  };
  return schemas;
}

function buildMessages(): Record<string, AsyncApiMessage> {
  const messages: Record<string, AsyncApiMessage> = {};
  for (const [event, spec] of clientEvents()) {
    messages[`${pascal(event)}Request`] = {
      name: event,
      title: `${event} (client → server)`,
      payload: schemaRef(spec.payload.name),
    };
    messages[`${pascal(event)}Ack`] = {
      name: event,
      title: `${event} acknowledgement`,
      payload: { oneOf: [schemaRef(ackSchemaName(event)), schemaRef('AckError')] },
    };
  }
  for (const [event, spec] of serverEvents()) {
    messages[`${pascal(event)}Event`] = {
      name: event,
      title: `${event} (server → client)`,
      payload: schemaRef(spec.payload.name),
    };
  }
  return messages;
}

/** Each event name once, client → server ones first. */
function eventNames(): string[] {
  return [...new Set([...Object.keys(CLIENT_EVENTS), ...Object.keys(SERVER_EVENTS)])];
}

function buildChannels(): Record<string, AsyncApiChannel> {
  const channels: Record<string, AsyncApiChannel> = {};
  for (const event of eventNames()) {
    const message = (suffix: string) => ref(`#/components/messages/${pascal(event)}${suffix}`);
    const messages: Record<string, AsyncApiReference> = {};
    if (Object.hasOwn(CLIENT_EVENTS, event)) {
      Object.assign(messages, { request: message('Request'), ack: message('Ack') });
    }
    if (Object.hasOwn(SERVER_EVENTS, event)) messages['event'] = message('Event');
    channels[asyncApiId(event)] = {
      address: event,
      description: `The Socket.IO event \`${event}\` on namespace \`${CHAT_NAMESPACE}\`.`,
      messages,
    };
  }
  return channels;
}

function buildOperations(): Record<string, AsyncApiOperation> {
  const operations: Record<string, AsyncApiOperation> = {};
  for (const [event, spec] of clientEvents()) {
    const channel = `#/channels/${asyncApiId(event)}`;
    operations[`send${pascal(event)}`] = {
      action: 'send',
      channel: ref(channel),
      summary: spec.summary,
      messages: [ref(`${channel}/messages/request`)],
      reply: { channel: ref(channel), messages: [ref(`${channel}/messages/ack`)] },
    };
  }
  for (const [event, spec] of serverEvents()) {
    const channel = `#/channels/${asyncApiId(event)}`;
    operations[`receive${pascal(event)}`] = {
      action: 'receive',
      channel: ref(channel),
      summary: spec.summary,
      messages: [ref(`${channel}/messages/event`)],
    };
  }
  return operations;
}

const SERVER_DESCRIPTION = [
  `Socket.IO 4 at path \`/socket.io\`, namespace \`${CHAT_NAMESPACE}\`.`,
  'Authenticate in the handshake with `auth: { token: <accessToken> }`; without a valid token the client',
  `gets \`connect_error\` with \`message === "${UNAUTHORIZED_HANDSHAKE}"\`.`,
  `A packet over ${MAX_PAYLOAD_BYTES} bytes closes the connection; the client reconnects.`,
  'The server disconnects a socket when its access token expires (or its session ends); send',
  '`auth:refresh` with a newer token of the same session before then to keep it.',
].join(' ');

/**
 * The real-time contract as an AsyncAPI 3.0.0 document, written from a client's point of view:
 * `send` operations are client → server events answered by an acknowledgement (the reply),
 * `receive` operations are server → client events. Generated from the event registry
 * (chat/chat-events.ts) and the DTO classes it names: an event or a field added there is here.
 */
export function buildAsyncApiDocument(): AsyncApiDocument {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Chat real-time API',
      version: '2.0.0',
      description:
        'Events of the chat over Socket.IO. Every client → server event takes an acknowledgement ' +
        'callback answered with `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`; ' +
        `a bad event never closes the connection, and an event the server does not know is ` +
        `answered \`invalid\` (\`${UNKNOWN_EVENT}\`).`,
    },
    defaultContentType: 'application/json',
    servers: {
      chat: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io',
        description: SERVER_DESCRIPTION,
        variables: {
          host: { default: 'localhost:3000', description: 'Host and port of the chat.' },
        },
        security: [ref('#/components/securitySchemes/handshakeToken')],
      },
    },
    channels: buildChannels(),
    operations: buildOperations(),
    components: {
      schemas: buildSchemas(),
      messages: buildMessages(),
      securitySchemes: {
        handshakeToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The `accessToken` from `POST /api/auth/login`, `/signup` or `/refresh`, sent as ' +
            '`auth.token` in the Socket.IO handshake.',
        },
      },
    },
  };
}
