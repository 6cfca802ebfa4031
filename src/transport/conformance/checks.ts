// The checks and helpers every area of the conformance suite uses: no state, no test runner.
import type { OwnNumber } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message, MessageStatus } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { isE164 } from '../../rules/e164.js';
import { isTransportError } from '../errors.js';
import type { TransportErrorKind } from '../errors.js';
import type { TransportEvent } from '../transport.js';

/** Statuses a message may have after `status` (status only moves forward). */
export const NEXT: Record<MessageStatus, readonly MessageStatus[]> = {
  queued: ['sending', 'sent', 'delivered', 'failed'],
  sending: ['sent', 'delivered', 'failed'],
  sent: ['delivered', 'failed'],
  delivered: [],
  failed: [],
};
export const FINAL: readonly MessageStatus[] = ['delivered', 'failed'];
/** Milliseconds since the epoch between 2001 and 5138: seconds (≈ 1.7e9) fall outside. */
export const MIN_MS = 1e12;
export const MAX_MS = 1e14;
export const DEFAULT_RECIPIENTS = [
  '+12025550143',
  '+12025550144',
  '+12025550145',
  '+12025550146',
  '+12025550147',
  '+12025550148',
];
export const PREFIX = 'Transport conformance:';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`${PREFIX} ${message}`);
}

/** Fails a test because the fixture or the hooks lack what it needs (never a silent pass). */
export function need(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`${PREFIX} cannot run this test: ${what}`);
}

export async function rejectsWith(
  promise: Promise<unknown>,
  kinds: readonly TransportErrorKind[],
  what: string,
  codes?: readonly string[],
): Promise<void> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    assert(
      isTransportError(error),
      `${what} must reject with a TransportError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    assert(
      kinds.includes(error.kind),
      `${what} must reject with kind ${kinds.join(' or ')}, got ${error.kind}`,
    );
    if (codes)
      assert(
        codes.includes(error.code),
        `${what} must reject with code ${codes.join(' or ')}, got ${error.code}`,
      );
    return;
  }
  throw new Error(`${PREFIX} ${what} must reject, but it resolved with ${JSON.stringify(result)}`);
}

export function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A valid 1×1 PNG, followed by `padding` zero bytes (still a PNG to any sniffer). */
export function pngBytes(padding = 0): Uint8Array<ArrayBuffer> {
  const b64 =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const bin = atob(b64);
  const out = new Uint8Array(bin.length + padding);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const PNG_SIZE = pngBytes().length;

export function checkTime(value: unknown, what: string): void {
  assert(
    typeof value === 'number' && Number.isFinite(value) && value > MIN_MS && value < MAX_MS,
    `${what} must be milliseconds since the epoch, got ${String(value)}`,
  );
}

export function checkAttachment(a: Attachment, what: string): void {
  assert(typeof a?.id === 'string' && a.id !== '', `${what}: an attachment needs an id`);
  assert(typeof a.name === 'string', `${what}: attachment.name must be a string`);
  assert(typeof a.type === 'string' && a.type.includes('/'), `${what}: attachment.type must be a MIME type`);
  assert(Number.isInteger(a.size) && a.size >= 0, `${what}: attachment.size must be a number of bytes`);
  assert(
    typeof a.url === 'string' && /^(https?:|blob:|data:image\/(png|jpeg|gif|webp)[;,])/i.test(a.url),
    `${what}: attachment.url must be an http(s), blob: or data: URL of a safe image type, got ${String(a.url).slice(0, 40)}`,
  );
}

/** Checks the shape of a message: the `Message` type of `docs/transport.md`, times in ms. */
export function checkMessage(m: Message, what: string): void {
  assert(typeof m === 'object' && m !== null, `${what} must be a Message object, got ${JSON.stringify(m)}`);
  assert(typeof m.id === 'string' && m.id !== '', `${what}: message.id must be a non-empty string`);
  assert(typeof m.conversationId === 'string' && m.conversationId !== '', `${what}: message.conversationId`);
  assert(
    m.direction === 'inbound' || m.direction === 'outbound',
    `${what}: unknown direction ${m.direction}`,
  );
  assert(isE164(m.from), `${what}: message.from must be E.164, got ${m.from}`);
  assert(
    Array.isArray(m.to) && m.to.length > 0 && m.to.every((n) => isE164(n)),
    `${what}: message.to must be a non-empty list of E.164 numbers, got ${JSON.stringify(m.to)}`,
  );
  assert(typeof m.text === 'string', `${what}: message.text must be a string`);
  assert(Array.isArray(m.attachments), `${what}: message.attachments must be a list`);
  for (const a of m.attachments) checkAttachment(a, what);
  assert(m.status in NEXT, `${what}: unknown status ${m.status}`);
  checkTime(m.createdAt, `${what}: message.createdAt`);
  if (m.updatedAt !== undefined) checkTime(m.updatedAt, `${what}: message.updatedAt`);
  if (m.clientId !== undefined) assert(typeof m.clientId === 'string', `${what}: clientId must be a string`);
}

/** Checks the shape of a conversation: E.164 everywhere, `names` by E.164, `lastMessage` a Message. */
export function checkConversation(c: Conversation, what: string): void {
  assert(typeof c === 'object' && c !== null, `${what} must be a Conversation object`);
  assert(typeof c.id === 'string' && c.id !== '', `${what}: conversation.id must be a non-empty string`);
  assert(isE164(c.ownNumber), `${what}: ownNumber must be E.164, got ${c.ownNumber}`);
  assert(
    Array.isArray(c.participants) && c.participants.length > 0 && c.participants.every((p) => isE164(p)),
    `${what}: participants must be a non-empty list of E.164 numbers, got ${JSON.stringify(c.participants)}`,
  );
  assert(
    !c.participants.includes(c.ownNumber),
    `${what}: participants are the other people, without the own number ${c.ownNumber}`,
  );
  assert(new Set(c.participants).size === c.participants.length, `${what}: participants repeat`);
  if (c.names !== undefined) {
    assert(typeof c.names === 'object' && c.names !== null, `${what}: names must be an object`);
    for (const [number, name] of Object.entries(c.names)) {
      assert(
        isE164(number) && c.participants.includes(number),
        `${what}: names must be keyed by the E.164 number of a participant, got key "${number}"`,
      );
      assert(typeof name === 'string', `${what}: names["${number}"] must be a string`);
    }
  }
  if (c.title !== undefined) assert(typeof c.title === 'string', `${what}: title must be a string`);
  assert(
    Number.isInteger(c.unreadCount) && c.unreadCount >= 0,
    `${what}: unreadCount must be a whole number ≥ 0`,
  );
  checkTime(c.updatedAt, `${what}: conversation.updatedAt`);
  if (c.lastMessage !== undefined) {
    checkMessage(c.lastMessage, `${what}: lastMessage`);
    assert(c.lastMessage.conversationId === c.id, `${what}: lastMessage belongs to another conversation`);
  }
  if (c.optedOut !== undefined) {
    assert(
      Array.isArray(c.optedOut) && c.optedOut.every((n) => c.participants.includes(n)),
      `${what}: optedOut must list participants`,
    );
  }
}

export function checkSavedReply(r: SavedReply, what: string): void {
  assert(typeof r?.id === 'string' && r.id !== '', `${what}: id must be a non-empty string`);
  assert(typeof r.title === 'string' && r.title.trim() !== '', `${what}: title must be a non-empty string`);
  assert(typeof r.text === 'string', `${what}: text must be a string`);
  assert(typeof r.personal === 'boolean', `${what}: personal must be a boolean`);
  checkTime(r.updatedAt, `${what}: updatedAt`);
}

export function checkPolicy(n: OwnNumber): void {
  if (n.policy === undefined) return;
  assert(typeof n.policy === 'object' && n.policy !== null, `policy of ${n.number} must be an object`);
  for (const key of ['maxFileBytes', 'maxMessageBytes', 'maxFiles'] as const) {
    const v = n.policy[key];
    if (v !== undefined)
      assert(
        typeof v === 'number' && Number.isFinite(v) && v >= 0,
        `policy.${key} of ${n.number} must be a number ≥ 0, got ${JSON.stringify(v)}`,
      );
  }
  const kinds = n.policy.allowedKinds;
  if (kinds !== undefined)
    assert(
      Array.isArray(kinds) && kinds.every((k) => typeof k === 'string'),
      `policy.allowedKinds of ${n.number} must be a list of strings`,
    );
}

/** `text` with a combining acute accent after every letter: "ari" → "árí" (in NFC). */
export function withAccents(text: string): string {
  return [...text]
    .map((ch) => (/\p{L}/u.test(ch) ? `${ch}\u0301` : ch))
    .join('')
    .normalize('NFC');
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface Feed {
  readonly events: TransportEvent[];
  stop(): void;
  until(what: string, found: (events: TransportEvent[]) => boolean): Promise<void>;
}

/** Lower-case letters, for words no fixture text holds. */
export const nonsense = (n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
