import type { Account, NumberKind, OwnNumber } from '../model/account.js';
import type { Attachment, AttachmentPolicy } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Conversation } from '../model/conversation.js';
import type { Message, MessageDirection, MessageFailure, MessageStatus } from '../model/message.js';
import type {
  ConversationPage,
  MessagePage,
  ScheduledMessage,
  ScheduledRemovedReason,
  TransportEvent,
} from './transport.js';

/**
 * The client's boundary: everything a transport returns or pushes is checked and rebuilt
 * here, field by field, before it reaches the store. Objects are never spread from untrusted
 * input (no `__proto__` or stray fields get through), strings are capped, numbers must be
 * finite and plausible, and bad entries of a list are dropped (and counted) instead of
 * failing the whole page.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

const STATUSES: readonly MessageStatus[] = ['queued', 'sending', 'sent', 'delivered', 'failed'];
const DIRECTIONS: readonly MessageDirection[] = ['inbound', 'outbound'];
const KINDS: readonly NumberKind[] = ['local', 'toll-free', 'short-code'];
/** Longest body kept; carriers cap texts at 1,600 characters. */
const MAX_TEXT = 10_000;
const MAX_NAME = 300;
const MAX_ID = 512;
const MAX_URL = 8192;
const MAX_TIME = 8.64e15;
const ADDRESS = /^(\+[1-9]\d{6,14}|\d{3,8}|[A-Za-z0-9 ._-]{2,16})$/;
const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/;

type Obj = Record<string, unknown>;

function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError(`${what} is not an object`);
  return value as Obj;
}

function str(value: unknown, what: string, max = MAX_NAME): string {
  if (typeof value !== 'string') throw new PayloadError(`${what} is not a string`);
  return value.length > max ? value.slice(0, max) : value;
}

function optStr(value: unknown, what: string, max = MAX_NAME): string | undefined {
  return value === undefined || value === null ? undefined : str(value, what, max);
}

function id(value: unknown, what: string): string {
  const s = str(value, what, MAX_ID + 1);
  if (!s || s.length > MAX_ID) throw new PayloadError(`${what} is not a valid id`);
  return s;
}

function address(value: unknown, what: string): string {
  const s = str(value, what, 64);
  if (!ADDRESS.test(s)) throw new PayloadError(`${what} is not a phone number`);
  return s;
}

function time(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIME) {
    throw new PayloadError(`${what} is not a valid time`);
  }
  return value;
}

function count(value: unknown, what: string, max = 1e9): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new PayloadError(`${what} is not a valid count`);
  }
  return value;
}

function optNumber(value: unknown, max = 1e7): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
    ? value
    : undefined;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new PayloadError(`${what} is not a boolean`);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], what: string): T {
  if (typeof value !== 'string' || !options.includes(value as T))
    throw new PayloadError(`${what} is not one of ${options.join(', ')}`);
  return value as T;
}

/** The entries of an array that validate; the others are dropped and counted. */
function list<T>(value: unknown, what: string, each: (item: unknown) => T, dropped: Counter): T[] {
  if (!Array.isArray(value)) throw new PayloadError(`${what} is not a list`);
  const out: T[] = [];
  for (const item of value) {
    try {
      out.push(each(item));
    } catch {
      dropped.count++;
    }
  }
  return out;
}

/** Counts what was dropped while validating. */
export interface Counter {
  count: number;
}

/** A URL the elements may load: http(s), blob:, or a data: URL of a raster image. */
function safeUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_URL) return '';
  const trimmed = value.trim();
  if (SAFE_DATA_IMAGE.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'blob:' ? url.href : '';
  } catch {
    return '';
  }
}

export function validateAttachment(value: unknown): Attachment {
  const o = obj(value, 'attachment');
  const a: { -readonly [K in keyof Attachment]: Attachment[K] } = {
    id: id(o['id'], 'attachment.id'),
    name: str(o['name'], 'attachment.name'),
    type: str(o['type'], 'attachment.type', 128),
    size: count(o['size'], 'attachment.size', 1e11),
    url: safeUrl(o['url']),
  };
  const thumbnail = safeUrl(o['thumbnailUrl']);
  if (thumbnail) a.thumbnailUrl = thumbnail;
  const width = optNumber(o['width'], 1e6);
  const height = optNumber(o['height'], 1e6);
  if (width && height) {
    a.width = width;
    a.height = height;
  }
  const duration = optNumber(o['duration'], 1e7);
  if (duration !== undefined) a.duration = duration;
  return a;
}

function failure(value: unknown): MessageFailure | undefined {
  if (value === undefined || value === null) return undefined;
  const o = obj(value, 'failure');
  return { code: str(o['code'], 'failure.code', 64), reason: str(o['reason'], 'failure.reason', 500) };
}

export function validateMessage(value: unknown, dropped: Counter = { count: 0 }): Message {
  const o = obj(value, 'message');
  const m: { -readonly [K in keyof Message]: Message[K] } = {
    id: id(o['id'], 'message.id'),
    conversationId: id(o['conversationId'], 'message.conversationId'),
    direction: oneOf(o['direction'], DIRECTIONS, 'message.direction'),
    from: address(o['from'], 'message.from'),
    to: list(o['to'], 'message.to', (n) => address(n, 'recipient'), dropped),
    text: str(o['text'] ?? '', 'message.text', MAX_TEXT),
    attachments: list(o['attachments'] ?? [], 'message.attachments', validateAttachment, dropped).slice(
      0,
      50,
    ),
    status: oneOf(o['status'], STATUSES, 'message.status'),
    createdAt: time(o['createdAt'], 'message.createdAt'),
  };
  const clientId = optStr(o['clientId'], 'message.clientId', MAX_ID);
  if (clientId) m.clientId = clientId;
  const f = m.status === 'failed' ? failure(o['failure']) : undefined;
  if (f) m.failure = f;
  if (o['updatedAt'] !== undefined) m.updatedAt = time(o['updatedAt'], 'message.updatedAt');
  return m;
}

export function validateConversation(value: unknown, dropped: Counter = { count: 0 }): Conversation {
  const o = obj(value, 'conversation');
  const participants = list(
    o['participants'],
    'conversation.participants',
    (n) => address(n, 'participant'),
    dropped,
  );
  if (participants.length === 0) throw new PayloadError('conversation has no participants');
  const c: { -readonly [K in keyof Conversation]: Conversation[K] } = {
    id: id(o['id'], 'conversation.id'),
    participants: [...new Set(participants)].slice(0, 50),
    ownNumber: address(o['ownNumber'], 'conversation.ownNumber'),
    unreadCount: count(o['unreadCount'] ?? 0, 'conversation.unreadCount', 1e6),
    updatedAt: time(o['updatedAt'], 'conversation.updatedAt'),
  };
  const title = optStr(o['title'], 'conversation.title');
  if (title) c.title = title;
  if (o['names'] !== undefined && o['names'] !== null) {
    const names = obj(o['names'], 'conversation.names');
    const entries = Object.keys(names)
      .filter((k) => c.participants.includes(k) && typeof names[k] === 'string')
      .map((k) => [k, (names[k] as string).slice(0, MAX_NAME)] as const);
    if (entries.length) c.names = Object.fromEntries(entries);
  }
  if (o['lastMessage'] !== undefined && o['lastMessage'] !== null) {
    try {
      c.lastMessage = validateMessage(o['lastMessage'], dropped);
    } catch {
      dropped.count++;
    }
  }
  if (Array.isArray(o['optedOut'])) {
    c.optedOut = list(o['optedOut'], 'optedOut', (n) => address(n, 'opted-out number'), dropped);
  }
  return c;
}

function ownNumber(value: unknown): OwnNumber {
  const o = obj(value, 'number');
  const caps = obj(o['capabilities'], 'number.capabilities');
  const n: { -readonly [K in keyof OwnNumber]: OwnNumber[K] } = {
    number: address(o['number'], 'number.number'),
    kind: oneOf(o['kind'], KINDS, 'number.kind'),
    capabilities: {
      sms: bool(caps['sms'], 'capabilities.sms'),
      mms: bool(caps['mms'], 'capabilities.mms'),
      group: bool(caps['group'], 'capabilities.group'),
    },
  };
  const label = optStr(o['label'], 'number.label');
  if (label) n.label = label;
  if (o['policy'] !== undefined && o['policy'] !== null) {
    const p = obj(o['policy'], 'number.policy');
    const policy: { -readonly [K in keyof AttachmentPolicy]?: AttachmentPolicy[K] } = {};
    const maxFile = optNumber(p['maxFileBytes'], 1e10);
    const maxMessage = optNumber(p['maxMessageBytes'], 1e10);
    const maxFiles = optNumber(p['maxFiles'], 100);
    if (maxFile) policy.maxFileBytes = maxFile;
    if (maxMessage) policy.maxMessageBytes = maxMessage;
    if (maxFiles) policy.maxFiles = Math.floor(maxFiles);
    if (Array.isArray(p['allowedKinds'])) {
      policy.allowedKinds = p['allowedKinds'].filter(
        (k): k is string => typeof k === 'string' && /^[a-z0-9]{1,12}$/.test(k),
      );
    }
    n.policy = policy;
  }
  return n;
}

export function validateAccount(value: unknown): Account {
  const o = obj(value, 'account');
  const dropped = { count: 0 };
  return {
    id: id(o['id'], 'account.id'),
    userId: id(o['userId'] ?? o['id'], 'account.userId'),
    name: str(o['name'] ?? '', 'account.name'),
    country: typeof o['country'] === 'string' && /^[A-Z]{2}$/.test(o['country']) ? o['country'] : 'US',
    numbers: list(o['numbers'], 'account.numbers', ownNumber, dropped),
  };
}

export function validateContact(value: unknown): Contact {
  const o = obj(value, 'contact');
  const dropped = { count: 0 };
  return {
    id: id(o['id'], 'contact.id'),
    name: str(o['name'], 'contact.name'),
    numbers: list(
      o['numbers'],
      'contact.numbers',
      (n) => {
        const x = obj(n, 'contact number');
        return { number: address(x['number'], 'contact number'), label: str(x['label'] ?? '', 'label', 60) };
      },
      dropped,
    ),
  };
}

function cursor(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  return str(value, what, 4096);
}

export function validateConversationPage(value: unknown, dropped: Counter): ConversationPage {
  const o = obj(value, 'conversation page');
  return {
    conversations: list(
      o['conversations'],
      'conversations',
      (c) => validateConversation(c, dropped),
      dropped,
    ),
    nextCursor: cursor(o['nextCursor'], 'nextCursor'),
  };
}

export function validateMessagePage(value: unknown, conversationId: string, dropped: Counter): MessagePage {
  const o = obj(value, 'message page');
  const messages = list(o['messages'], 'messages', (m) => validateMessage(m, dropped), dropped).filter(
    (m) => {
      if (m.conversationId === conversationId) return true;
      dropped.count++;
      return false;
    },
  );
  return {
    messages: messages.sort((a, b) => a.createdAt - b.createdAt),
    olderCursor: cursor(o['olderCursor'], 'olderCursor'),
    newerCursor: cursor(o['newerCursor'], 'newerCursor') ?? '',
    hasNewer: o['hasNewer'] === true,
  };
}

const REMOVED_REASONS: readonly ScheduledRemovedReason[] = ['sent', 'cancelled', 'replied', 'failed'];

/** A scheduled message rebuilt from untrusted input. */
export function validateScheduled(value: unknown): ScheduledMessage {
  const o = obj(value, 'scheduled');
  return {
    id: id(o['id'], 'scheduled.id'),
    clientId: id(o['clientId'], 'scheduled.clientId'),
    conversationId: id(o['conversationId'], 'scheduled.conversationId'),
    text: str(o['text'] ?? '', 'scheduled.text', MAX_TEXT),
    // Adapters written before scheduled attachments (decision 0015) leave it out: a text.
    attachments: list(o['attachments'] ?? [], 'scheduled.attachments', validateAttachment, {
      count: 0,
    }).slice(0, 50),
    sendAt: time(o['sendAt'], 'scheduled.sendAt'),
    cancelIfReplied: o['cancelIfReplied'] === true,
    createdAt: time(o['createdAt'], 'scheduled.createdAt'),
    updatedAt: time(o['updatedAt'] ?? o['createdAt'], 'scheduled.updatedAt'),
  };
}

/** A pushed event rebuilt from untrusted input; throws {@link PayloadError} when it is not one. */
export function validateEvent(value: unknown, dropped: Counter = { count: 0 }): TransportEvent {
  const o = obj(value, 'event');
  const eventId = optStr(o['eventId'], 'eventId', 128);
  const withId = <T extends object>(e: T): T => (eventId ? { ...e, eventId } : e);
  switch (o['type']) {
    case 'message.created': {
      const message = validateMessage(o['message'], dropped);
      const conversation = validateConversation(o['conversation'], dropped);
      if (message.conversationId !== conversation.id)
        throw new PayloadError('message and conversation do not match');
      return withId({ type: 'message.created', message, conversation });
    }
    case 'message.status': {
      const f = failure(o['failure']);
      const clientId = optStr(o['clientId'], 'clientId', MAX_ID);
      return withId({
        type: 'message.status',
        conversationId: id(o['conversationId'], 'conversationId'),
        messageId: id(o['messageId'], 'messageId'),
        status: oneOf(o['status'], STATUSES, 'status'),
        at: time(o['at'], 'at'),
        ...(clientId ? { clientId } : {}),
        ...(f ? { failure: f } : {}),
      });
    }
    case 'message.deleted':
      return withId({
        type: 'message.deleted',
        conversationId: id(o['conversationId'], 'conversationId'),
        messageId: id(o['messageId'], 'messageId'),
      });
    case 'conversation.updated':
      return withId({
        type: 'conversation.updated',
        conversation: validateConversation(o['conversation'], dropped),
      });
    case 'conversation.deleted':
      return withId({
        type: 'conversation.deleted',
        conversationId: id(o['conversationId'], 'conversationId'),
      });
    case 'scheduled.updated':
      return withId({ type: 'scheduled.updated', scheduled: validateScheduled(o['scheduled']) });
    case 'scheduled.removed': {
      const f = failure(o['failure']);
      const messageId = optStr(o['messageId'], 'messageId', MAX_ID);
      return withId({
        type: 'scheduled.removed',
        conversationId: id(o['conversationId'], 'conversationId'),
        scheduledId: id(o['scheduledId'], 'scheduledId'),
        reason: oneOf(o['reason'], REMOVED_REASONS, 'reason'),
        ...(messageId ? { messageId } : {}),
        ...(f ? { failure: f } : {}),
      });
    }
    case 'connection':
      return { type: 'connection', state: oneOf(o['state'], ['online', 'offline'] as const, 'state') };
    default:
      throw new PayloadError('unknown event type');
  }
}
