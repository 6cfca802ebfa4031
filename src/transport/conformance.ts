import type { Account, OwnNumber } from '../model/account.js';
import type { Attachment } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Conversation } from '../model/conversation.js';
import type { Message, MessageStatus } from '../model/message.js';
import type { SavedReply } from '../model/saved-reply.js';
import { resolvePolicy } from '../rules/attachment-policy.js';
import { isE164 } from '../rules/e164.js';
import { scheduledConformance } from './conformance-scheduled.js';
import { isTransportError } from './errors.js';
import type { TransportErrorKind } from './errors.js';
import type { MessageSearchResult, SearchMessagesRequest, Transport, TransportEvent } from './transport.js';

/**
 * Hooks into the backend, for what the suite cannot cause through the transport. Every hook the
 * suite needs is required: a test whose hook is missing fails and names it.
 */
export interface ConformanceHooks {
  /**
   * Makes the backend receive a text, as if the person at `from` texted the account's own number
   * `to`. Resolve once the backend has stored it (its `message.created` may come later).
   * Needed by the inbound and opt-out tests.
   */
  receive?(from: string, text: string, to: string): Promise<void>;
  /**
   * Makes the backend refuse the next request of this account as rate limited (HTTP 429 or your
   * protocol's equivalent, with a retry delay); the request after it must succeed again.
   * Needed by the rate-limit test.
   */
  rateLimitNext?(): Promise<void> | void;
  /**
   * Drops this account's push connections, as a network change, a proxy timeout or a server
   * restart would (with an HTTP backend: end the event streams). The transport must come back by
   * itself: later events reach the same subscribers, and `connection` events, if it sends them,
   * end with `online`. Needed by the reconnect test.
   */
  dropPushConnection?(): Promise<void> | void;
  /**
   * A second transport signed in to the same account, like another tab or device (with an HTTP
   * backend: another transport with the same token). Needed by the tests of events, which must
   * reach every session of the account. The suite does not dispose it: `dispose` should.
   */
  connectSecondSession?(): Transport | Promise<Transport>;
  /**
   * A transport signed in to another account of the same backend (it needs no number). Needed by
   * the search isolation test, when the transport has `searchMessages`: the other account must
   * never find this account's messages. The suite does not dispose it: `dispose` should.
   */
  connectOtherAccount?(): Transport | Promise<Transport>;
  /** Called after each test, also when it failed: close transports and connections, stop servers. */
  dispose?(): Promise<void> | void;
}

/** What the conformance suite tests: a transport, and hooks into its backend. */
export interface ConformanceSubject {
  /**
   * A transport signed in to the test account. The account needs two texting numbers that are
   * not toll-free (at least one with MMS), one toll-free number, and contacts (see
   * `docs/transport.md#the-fixture`); the suite makes its conversations itself.
   */
  readonly transport: Transport;
  readonly hooks?: ConformanceHooks;
}

/** Options of {@link runTransportConformance}. */
export interface ConformanceOptions {
  /** Name of the `describe` block (default "transport conformance"). */
  readonly name?: string;
  /** How long to wait for a pushed event, in ms (default 5 000). Keep it under the runner's test timeout. */
  readonly eventTimeoutMs?: number;
  /**
   * How long to keep listening after the events a test waits for, in ms, to catch events that
   * must not come (a status going back, an event after unsubscribing). Default 200.
   */
  readonly settleMs?: number;
  /**
   * Six different numbers the backend accepts as recipients from every own number, that never
   * text back on their own and are not own numbers (default `+12025550143` to `+12025550148`,
   * fictional). The suite texts them, makes groups of them, and has the sixth reply STOP and START.
   */
  readonly recipients?: readonly string[];
  /** @deprecated Use `recipients`; replaces its first entry. */
  readonly recipient?: string;
  /** @deprecated Use `recipients`; replaces its second entry. */
  readonly secondRecipient?: string;
}

type Describe = (name: string, body: () => void) => void;
type It = (name: string, body: () => Promise<void>) => void;

/** Statuses a message may have after `status` (status only moves forward). */
const NEXT: Record<MessageStatus, readonly MessageStatus[]> = {
  queued: ['sending', 'sent', 'delivered', 'failed'],
  sending: ['sent', 'delivered', 'failed'],
  sent: ['delivered', 'failed'],
  delivered: [],
  failed: [],
};
const FINAL: readonly MessageStatus[] = ['delivered', 'failed'];
/** Milliseconds since the epoch between 2001 and 5138: seconds (≈ 1.7e9) fall outside. */
const MIN_MS = 1e12;
const MAX_MS = 1e14;
const DEFAULT_RECIPIENTS = [
  '+12025550143',
  '+12025550144',
  '+12025550145',
  '+12025550146',
  '+12025550147',
  '+12025550148',
];
const PREFIX = 'Transport conformance:';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`${PREFIX} ${message}`);
}

/** Fails a test because the fixture or the hooks lack what it needs (never a silent pass). */
function need(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`${PREFIX} cannot run this test: ${what}`);
}

async function rejectsWith(
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

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A valid 1×1 PNG, followed by `padding` zero bytes (still a PNG to any sniffer). */
function pngBytes(padding = 0): Uint8Array<ArrayBuffer> {
  const b64 =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const bin = atob(b64);
  const out = new Uint8Array(bin.length + padding);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const PNG_SIZE = pngBytes().length;

function checkTime(value: unknown, what: string): void {
  assert(
    typeof value === 'number' && Number.isFinite(value) && value > MIN_MS && value < MAX_MS,
    `${what} must be milliseconds since the epoch, got ${String(value)}`,
  );
}

function checkAttachment(a: Attachment, what: string): void {
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
function checkMessage(m: Message, what: string): void {
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
function checkConversation(c: Conversation, what: string): void {
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

function checkSavedReply(r: SavedReply, what: string): void {
  assert(typeof r?.id === 'string' && r.id !== '', `${what}: id must be a non-empty string`);
  assert(typeof r.title === 'string' && r.title.trim() !== '', `${what}: title must be a non-empty string`);
  assert(typeof r.text === 'string', `${what}: text must be a string`);
  assert(typeof r.personal === 'boolean', `${what}: personal must be a boolean`);
  checkTime(r.updatedAt, `${what}: updatedAt`);
}

function checkPolicy(n: OwnNumber): void {
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
function withAccents(text: string): string {
  return [...text]
    .map((ch) => (/\p{L}/u.test(ch) ? `${ch}\u0301` : ch))
    .join('')
    .normalize('NFC');
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Feed {
  readonly events: TransportEvent[];
  stop(): void;
  until(what: string, found: (events: TransportEvent[]) => boolean): Promise<void>;
}

/**
 * Registers a suite of tests that checks a {@link Transport} against the contract in
 * `docs/transport.md`. It uses only the global `describe` and `it` (mocha, web-test-runner,
 * node:test, vitest, jest) and no assertion library: a failed check throws an `Error` whose
 * message starts with "Transport conformance:" and says what the contract expects. A test that
 * cannot run because the fixture or a hook is missing fails too, with "cannot run this test:" and
 * what to provide — the suite never passes a test it could not run.
 *
 * `makeSubject` is called once per test (so each test may get a fresh backend, or share one);
 * `hooks.dispose` is called after each test, also when it failed. The account needs two texting
 * numbers that are not toll-free (one with MMS), a toll-free number, and contacts with names of
 * at least three letters; the suite creates the conversations it pages, sends, groups and deletes
 * itself, by texting `options.recipients`. Events are checked on a second session of the account
 * (`hooks.connectSecondSession`); inbound texts and opt-outs need `hooks.receive`; the
 * `rate-limited` kind needs `hooks.rateLimitNext`; reconnecting needs `hooks.dropPushConnection`.
 * `listMessages({ around })` is always checked; the optional `searchMessages` is checked when the
 * transport has it, and then search isolation needs `hooks.connectOtherAccount`. The optional
 * saved replies (`listSavedReplies`, and `saveSavedReply` with `deleteSavedReply`) are checked when
 * the transport has them; their isolation between accounts needs `hooks.connectOtherAccount` too.
 *
 * A subscription is expected to be live once a request made on the same transport after
 * `subscribe()` has resolved: the suite subscribes, calls `getAccount()`, and only then causes
 * the events it waits for.
 *
 * @param makeSubject Gives the transport to test and the hooks into its backend, for each test.
 * @param options Suite name, event timeouts and recipients.
 *
 * @example
 * ```ts
 * import { runTransportConformance } from 'sms-elements/conformance';
 * import { createRestTransport } from '../src/rest-transport.js';
 *
 * runTransportConformance(async () => {
 *   const server = await startTestServer(); // your backend, seeded with the fixture
 *   const sessions: RestTransport[] = [];
 *   const connect = () => {
 *     const t = createRestTransport(server.url, () => 'test-token');
 *     sessions.push(t);
 *     return t;
 *   };
 *   return {
 *     transport: connect(),
 *     hooks: {
 *       receive: (from, text, to) => server.inbound({ from, text, to }),
 *       rateLimitNext: () => server.faults({ rateLimitNext: 1 }),
 *       dropPushConnection: () => server.faults({ dropEventStreams: true }),
 *       connectSecondSession: connect,
 *       dispose: async () => {
 *         sessions.forEach((t) => t.close());
 *         await server.stop();
 *       },
 *     },
 *   };
 * }, { name: 'REST transport', eventTimeoutMs: 3000 });
 * ```
 */
export function runTransportConformance(
  makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>,
  options: ConformanceOptions = {},
): void {
  const g = globalThis as unknown as { describe?: Describe; it?: It };
  const describe = g.describe;
  const it = g.it;
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new Error('runTransportConformance needs the global describe() and it() of a test runner.');
  }
  const timeout = options.eventTimeoutMs ?? 5000;
  const settle = options.settleMs ?? 200;
  const recipients = [...(options.recipients ?? DEFAULT_RECIPIENTS)];
  if (options.recipient) recipients[0] = options.recipient;
  if (options.secondRecipient) recipients[1] = options.secondRecipient;
  if (recipients.length < 6 || new Set(recipients).size < 6 || !recipients.every((r) => isE164(r))) {
    throw new Error('runTransportConformance: options.recipients needs six different E.164 numbers.');
  }
  const [r0, r1, r2, r3, r4, r5] = recipients as [string, string, string, string, string, string];

  const test = (name: string, body: (subject: ConformanceSubject) => Promise<void>) =>
    it(name, async () => {
      const subject = await makeSubject();
      try {
        await body(subject);
      } finally {
        await subject.hooks?.dispose?.();
      }
    });

  /** The account's texting numbers that are not toll-free; the first is the one the suite uses. */
  async function ownNumbers(transport: Transport): Promise<OwnNumber[]> {
    const account = await transport.getAccount();
    const locals = account.numbers.filter((n) => n.kind !== 'toll-free' && n.capabilities.sms);
    need(locals.length > 0, 'the account needs a texting number that is not toll-free');
    // Prefer one that can send MMS and groups, for the tests that need them.
    return locals.sort((a, b) => score(b) - score(a));
  }
  const score = (n: OwnNumber) => (n.capabilities.mms ? 2 : 0) + (n.capabilities.group ? 1 : 0);

  async function ownNumber(transport: Transport, need_: 'sms' | 'mms' | 'group' = 'sms'): Promise<OwnNumber> {
    const own = (await ownNumbers(transport))[0]!;
    need(
      need_ === 'sms' || own.capabilities[need_],
      `the account needs a number that is not toll-free and can send ${need_ === 'mms' ? 'MMS' : 'group texts'}`,
    );
    return own;
  }

  async function send(
    transport: Transport,
    text: string,
    to: readonly string[] = [r0],
    from?: string,
    clientId = randomId(),
  ): Promise<Message> {
    const own = from ?? (await ownNumber(transport, to.length > 1 ? 'group' : 'sms')).number;
    const message = await transport.sendMessage({ clientId, from: own, to, text, attachmentIds: [] });
    checkMessage(message, 'the message sendMessage resolved with');
    return message;
  }

  /** Subscribes to `transport`; live once the request it makes after subscribing has resolved. */
  async function listen(transport: Transport): Promise<Feed> {
    const events: TransportEvent[] = [];
    let synchronous = true;
    let problem: Error | undefined;
    const stop = transport.subscribe((e) => {
      if (synchronous) problem ??= new Error(`${PREFIX} listeners must not be called during subscribe()`);
      events.push(e);
    });
    synchronous = false;
    assert(typeof stop === 'function', 'subscribe() must return the function that stops the events');
    if (problem) throw problem;
    await transport.getAccount();
    const until = async (what: string, found: (events: TransportEvent[]) => boolean) => {
      const end = Date.now() + timeout;
      while (!found(events)) {
        if (Date.now() > end) throw new Error(`${PREFIX} timed out after ${timeout} ms waiting for ${what}`);
        await sleep(10);
      }
    };
    return { events, stop, until };
  }

  async function secondSession(hooks: ConformanceHooks | undefined): Promise<Transport> {
    need(
      hooks?.connectSecondSession,
      'hooks.connectSecondSession is missing (give a second transport signed in to the same account, ' +
        'like another tab: events must reach every session)',
    );
    return hooks.connectSecondSession();
  }

  const createdEvent = (events: TransportEvent[], id: string) =>
    events.find(
      (e): e is Extract<TransportEvent, { type: 'message.created' }> =>
        e.type === 'message.created' && e.message?.id === id,
    );

  /** Checks the events a feed got: known types, string event ids that never repeat, valid payloads. */
  function checkEvents(events: readonly TransportEvent[]): void {
    const ids = new Set<string>();
    for (const e of events) {
      if ('eventId' in e && e.eventId !== undefined) {
        assert(
          typeof e.eventId === 'string' && e.eventId !== '' && e.eventId.length <= 128,
          `eventId must be a non-empty string of at most 128 characters, got ${JSON.stringify(e.eventId)}`,
        );
        assert(
          !ids.has(e.eventId),
          `eventId ${e.eventId} repeats: the client drops an event whose id it has seen`,
        );
        ids.add(e.eventId);
      }
      switch (e.type) {
        case 'message.created':
          checkMessage(e.message, 'message.created.message');
          checkConversation(e.conversation, 'message.created.conversation');
          assert(
            e.conversation.id === e.message.conversationId,
            'message.created carries the message’s conversation',
          );
          break;
        case 'message.status':
          assert(
            typeof e.conversationId === 'string' && typeof e.messageId === 'string',
            'message.status ids',
          );
          assert(e.status in NEXT, `message.status: unknown status ${e.status}`);
          checkTime(e.at, 'message.status.at');
          break;
        case 'conversation.updated':
          checkConversation(e.conversation, 'conversation.updated.conversation');
          break;
        case 'message.deleted':
        case 'conversation.deleted':
          assert(typeof e.conversationId === 'string', `${e.type} names the conversation`);
          break;
        case 'connection':
          assert(e.state === 'online' || e.state === 'offline', `unknown connection state ${e.state}`);
          break;
        case 'scheduled.updated':
          assert(
            typeof e.scheduled?.id === 'string' && typeof e.scheduled.conversationId === 'string',
            'scheduled.updated carries the scheduled message',
          );
          checkTime(e.scheduled.sendAt, 'scheduled.updated.scheduled.sendAt');
          break;
        case 'scheduled.removed':
          assert(
            typeof e.scheduledId === 'string' && typeof e.conversationId === 'string',
            'scheduled.removed names the scheduled message and its conversation',
          );
          assert(
            ['sent', 'cancelled', 'replied', 'failed'].includes(e.reason),
            `scheduled.removed: unknown reason ${e.reason}`,
          );
          break;
        default:
          throw new Error(`${PREFIX} unknown event type ${(e as { type?: unknown }).type as string}`);
      }
    }
  }

  async function pageAll(transport: Transport, limit: number): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const result = await transport.listConversations({ cursor, limit });
      assert(Array.isArray(result.conversations), 'listConversations must return a conversations array');
      assert(
        result.conversations.length <= limit,
        `a page must not exceed the limit of ${limit}, got ${result.conversations.length}`,
      );
      assert(
        page === 0 || result.conversations.length > 0,
        'a cursor led to an empty page: nextCursor must be null on the page that holds the last conversation',
      );
      all.push(...result.conversations);
      if (result.nextCursor === null) return all;
      assert(typeof result.nextCursor === 'string', 'nextCursor must be a string or null');
      cursor = result.nextCursor;
    }
    throw new Error(`${PREFIX} conversation paging never ended`);
  }

  async function conversationOf(transport: Transport, id: string): Promise<Conversation> {
    const c = await transport.getConversation({ conversationId: id });
    checkConversation(c, 'getConversation');
    return c;
  }

  /** Every result of a search, page by page: checks the shape, the limit, no repeat, no empty page. */
  async function searchAll(transport: Transport, query: string, limit = 100): Promise<MessageSearchResult[]> {
    const all: MessageSearchResult[] = [];
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const request: SearchMessagesRequest = { query, limit, ...(cursor !== undefined ? { cursor } : {}) };
      const result = await transport.searchMessages!(request);
      assert(Array.isArray(result?.results), 'searchMessages must resolve with a results array');
      assert(
        result.results.length <= limit,
        `a search page must not exceed the limit of ${limit}, got ${result.results.length}`,
      );
      assert(
        page === 0 || result.results.length > 0,
        'a search cursor led to an empty page: nextCursor must be null on the page that holds the last result',
      );
      for (const r of result.results) {
        checkMessage(r.message, `a search result for "${query}"`);
        assert(
          r.conversationId === r.message.conversationId,
          'a search result names the conversation of its message',
        );
        assert(!ids.has(r.message.id), `search result ${r.message.id} repeats across pages`);
        ids.add(r.message.id);
        all.push(r);
      }
      if (result.nextCursor === null) return all;
      assert(typeof result.nextCursor === 'string', 'search nextCursor must be a string or null');
      cursor = result.nextCursor;
    }
    throw new Error(`${PREFIX} search paging never ended`);
  }

  /** Lower-case letters, for words no fixture text holds. */
  const nonsense = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

  describe(options.name ?? 'transport conformance', () => {
    test('account: E.164 numbers of known kinds, valid policies, a fresh copy each time', async ({
      transport,
    }) => {
      const account = await transport.getAccount();
      assert(typeof account.id === 'string' && account.id, 'account.id must be a non-empty string');
      assert(typeof account.userId === 'string', 'account.userId must be a string');
      assert(typeof account.name === 'string', 'account.name must be a string');
      assert(
        /^[A-Z]{2}$/.test(account.country),
        `account.country must be ISO 3166 alpha-2, got ${account.country}`,
      );
      assert(Array.isArray(account.numbers), 'account.numbers must be an array');
      for (const n of account.numbers) {
        assert(isE164(n.number), `own number ${n.number} must be E.164`);
        assert(['local', 'toll-free', 'short-code'].includes(n.kind), `unknown number kind ${n.kind}`);
        for (const c of ['sms', 'mms', 'group'] as const) {
          assert(
            typeof n.capabilities?.[c] === 'boolean',
            `capabilities.${c} of ${n.number} must be a boolean`,
          );
        }
        checkPolicy(n);
      }
      const numbers = account.numbers.map((n) => n.number).join();
      (account as { name: string }).name = 'changed by the caller';
      (account.numbers as OwnNumber[]).pop();
      const again = await transport.getAccount();
      assert(
        again.name !== 'changed by the caller' && again.numbers.map((n) => n.number).join() === numbers,
        'getAccount must answer a copy: changing the returned account changed the next answer',
      );
    });

    test('conversations: newest first, within the limit, a null cursor on the last page', async ({
      transport,
    }) => {
      // At least three conversations, so a limit of 2 needs a second page.
      for (const r of [r0, r1, r2]) await send(transport, `conformance: paging ${r}`, [r]);
      const first = await transport.listConversations({ limit: 2 });
      assert(
        first.conversations.length === 2,
        `a first page with limit 2 holds 2 conversations when there are more, got ${first.conversations.length}`,
      );
      assert(first.nextCursor !== null, 'a page followed by more conversations has a nextCursor');
      const all = await pageAll(transport, 5);
      const seen = new Set<string>();
      let previous = Infinity;
      for (const c of all) {
        checkConversation(c, `listed conversation ${c.id}`);
        assert(!seen.has(c.id), `conversation ${c.id} listed twice`);
        seen.add(c.id);
        assert(c.updatedAt <= previous, 'conversations must be in order of newest activity first');
        previous = c.updatedAt;
      }
      const byDefault = await transport.listConversations();
      assert(
        byDefault.conversations.length <= 30 && byDefault.conversations.length >= Math.min(all.length, 1),
        'without a limit, a page holds at most 30 conversations',
      );
      const bad = transport.listConversations({ cursor: 'not a cursor', limit: 2 });
      await rejectsWith(bad, ['invalid'], 'a cursor the backend never gave', ['bad-cursor']);
    });

    test('conversations: cursors stay stable when conversations move to the top between pages', async ({
      transport,
    }) => {
      // Four conversations of our own, newest first: r3, r2, r1, r0.
      const sent: Message[] = [];
      for (const r of [r0, r1, r2, r3]) {
        sent.push(await send(transport, `conformance: cursor ${r}`, [r]));
        await sleep(2); // distinct activity times, also for backends that keep whole milliseconds
      }
      const [c0, c1, c2, c3] = sent.map((m) => m.conversationId) as [string, string, string, string];
      const first = await transport.listConversations({ limit: 2 });
      assert(
        first.conversations.map((c) => c.id).join() === [c3, c2].join(),
        'the first page holds the two conversations texted last, newest first',
      );
      assert(first.nextCursor, 'there is a next page');
      // Between the two page requests, a conversation of a later page and the cursor's own row move to the top.
      await send(transport, 'conformance: cursor moves up', [r0]);
      await sleep(2);
      await send(transport, 'conformance: cursor moves up', [r2]);
      const rest: Conversation[] = [];
      let cursor: string | null = first.nextCursor;
      for (let guard = 0; cursor && rest.length < 4 && guard < 100; guard++) {
        const page: { conversations: readonly Conversation[]; nextCursor: string | null } =
          await transport.listConversations({ cursor, limit: 2 });
        rest.push(...page.conversations);
        cursor = page.nextCursor;
      }
      const firstIds = new Set(first.conversations.map((c) => c.id));
      const repeated = rest.find((c) => firstIds.has(c.id));
      assert(!repeated, `the next page repeats ${repeated?.id} after conversations moved to the top`);
      assert(
        rest[0]?.id === c1,
        `the next page must continue with the conversation after the cursor (${c1}), got ${rest[0]?.id}`,
      );
      assert(
        !rest.some((c) => c.id === c0),
        'a conversation that moved above the cursor is not on later pages',
      );
    });

    test('conversations: found by exactly their participants and own number, fetched by id', async ({
      transport,
    }) => {
      const numbers = await ownNumbers(transport);
      need(numbers.length >= 2, 'the account needs two texting numbers that are not toll-free');
      const [a, b] = numbers as [OwnNumber, OwnNumber];
      need(a.capabilities.group, `the account needs a number that can send group texts`);
      const fromA = await send(transport, 'conformance: find from a', [r0], a.number);
      const fromB = await send(transport, 'conformance: find from b', [r0], b.number);
      const group = await send(transport, 'conformance: find group', [r0, r1], a.number);
      assert(fromA.conversationId !== fromB.conversationId, 'each own number has its own conversation');
      const foundA = await transport.findConversation({ participants: [r0], from: a.number });
      assert(
        foundA?.id === fromA.conversationId,
        'findConversation with `from` finds that number’s conversation',
      );
      checkConversation(foundA, 'findConversation');
      assert(foundA.ownNumber === a.number, 'the conversation texts from the own number');
      const foundB = await transport.findConversation({ participants: [r0], from: b.number });
      assert(
        foundB?.id === fromB.conversationId,
        'findConversation must honour `from`: the same person from another own number is another conversation',
      );
      const any = await transport.findConversation({ participants: [r0] });
      assert(
        any !== null && [fromA.conversationId, fromB.conversationId].includes(any.id),
        'findConversation without `from` finds the conversation from any own number',
      );
      const foundGroup = await transport.findConversation({ participants: [r1, r0], from: a.number });
      assert(foundGroup?.id === group.conversationId, 'findConversation matches participants in any order');
      const none = await transport.findConversation({ participants: [r0, r4], from: a.number });
      assert(none === null, 'findConversation matches exactly these participants: no group with them exists');
      const fetched = await conversationOf(transport, group.conversationId);
      assert(fetched.id === group.conversationId, 'getConversation returns the conversation asked for');
      assert(
        [...fetched.participants].sort().join() === [r0, r1].sort().join(),
        'a group conversation lists the other people',
      );
    });

    test('send: creates or reuses the conversation, echoes the message, moves it to the top', async ({
      transport,
    }) => {
      const own = await ownNumber(transport);
      const clientId = randomId();
      const before = Date.now();
      const message = await transport.sendMessage({
        clientId,
        from: own.number,
        to: [r0],
        text: 'conformance: hello 👋',
        attachmentIds: [],
      });
      checkMessage(message, 'the sent message');
      assert(message.clientId === clientId, 'the message must echo its client id');
      assert(message.direction === 'outbound', 'a sent message is outbound');
      assert(message.from === own.number, 'the message is from the own number');
      assert(message.to.length === 1 && message.to[0] === r0, 'the message is to the recipient');
      assert(message.text === 'conformance: hello 👋', 'the message keeps its text');
      assert(message.createdAt >= before - 60_000, 'createdAt is the time of the send');
      const fetched = await conversationOf(transport, message.conversationId);
      assert(fetched.lastMessage?.id === message.id, 'lastMessage is the message just sent, as a Message');
      assert(
        fetched.participants.length === 1 && fetched.participants[0] === r0,
        'participants are the recipients',
      );
      const first = await transport.listConversations({ limit: 1 });
      assert(
        first.conversations[0]?.id === message.conversationId,
        'the conversation moves to the top of the list',
      );
      const second = await send(transport, 'conformance: again', [r0], own.number);
      assert(second.conversationId === message.conversationId, 'a second send reuses the conversation');
      const page = await transport.listMessages({ conversationId: message.conversationId, limit: 2 });
      assert(
        page.messages.map((m) => m.id).join() === [message.id, second.id].join(),
        'both messages are in the conversation, oldest first',
      );
    });

    test('send: idempotent by client id', async ({ transport }) => {
      const clientId = randomId();
      const first = await send(transport, 'conformance: once', [r0], undefined, clientId);
      const second = await send(transport, 'conformance: once', [r0], undefined, clientId);
      assert(first.id === second.id, 'the same client id must return the same message');
      assert(second.clientId === clientId, 'the replayed message echoes the client id');
      const page = await transport.listMessages({ conversationId: first.conversationId, limit: 50 });
      const copies = page.messages.filter((m) => m.clientId === clientId);
      assert(copies.length === 1, `one message per client id, found ${copies.length}`);
    });

    test('messages: oldest first in both directions, cursors valid while messages arrive', async ({
      transport,
    }) => {
      const sent: Message[] = [];
      for (let i = 0; i < 5; i++) sent.push(await send(transport, `conformance: page ${i}`, [r1]));
      const conversationId = sent[0]!.conversationId;
      const newest = await transport.listMessages({ conversationId, limit: 3 });
      newest.messages.forEach((m) => checkMessage(m, 'a listed message'));
      assert(
        newest.messages.length === 3,
        `the newest page has the requested size 3, got ${newest.messages.length}`,
      );
      const ids = newest.messages.map((m) => m.id);
      assert(
        ids.join() ===
          sent
            .slice(2)
            .map((m) => m.id)
            .join(),
        'the newest page holds the newest messages, oldest first',
      );
      assert(newest.hasNewer === false, 'nothing is newer than the newest page');
      assert(typeof newest.newerCursor === 'string', 'newerCursor is always a string');
      assert(typeof newest.olderCursor === 'string', 'olderCursor is a string when older messages exist');
      // A message arrives; the older cursor must still lead to the messages just before the page.
      const later = await send(transport, 'conformance: after', [r1]);
      const older = await transport.listMessages({ conversationId, before: newest.olderCursor, limit: 2 });
      assert(
        older.messages.map((m) => m.id).join() ===
          sent
            .slice(0, 2)
            .map((m) => m.id)
            .join(),
        'the older page holds the two messages just before the newest page, oldest first, also after a new message',
      );
      assert(older.hasNewer === true, 'an older page knows that newer messages exist');
      const newer = await transport.listMessages({ conversationId, after: older.newerCursor, limit: 10 });
      assert(newer.messages[0]?.id === ids[0], 'the newer page continues where the older one ended');
      const catchUp = await transport.listMessages({ conversationId, after: newest.newerCursor });
      assert(
        catchUp.messages.length === 1 && catchUp.messages[0]!.id === later.id,
        'newerCursor catches up with exactly the messages that came later',
      );
      const empty = await transport.listMessages({ conversationId, after: catchUp.newerCursor });
      assert(
        empty.messages.length === 0 && empty.hasNewer === false,
        'nothing is newer than the newest message',
      );
      assert(
        typeof empty.newerCursor === 'string',
        'an empty page still has a newerCursor, to catch up later',
      );
      const latest = await send(transport, 'conformance: latest', [r1]);
      const caught = await transport.listMessages({ conversationId, after: empty.newerCursor });
      assert(
        caught.messages.map((m) => m.id).join() === latest.id,
        'the newerCursor of an empty page catches up with what came later',
      );
      let start = older;
      for (let guard = 0; start.olderCursor !== null && guard < 10_000; guard++) {
        start = await transport.listMessages({ conversationId, before: start.olderCursor, limit: 50 });
        assert(
          start.messages.length > 0,
          'an olderCursor led to an empty page: it must be null on the first page',
        );
      }
      assert(start.olderCursor === null, 'olderCursor is null on the page that starts the conversation');
      await rejectsWith(
        transport.listMessages({ conversationId, before: 'not a cursor' }),
        ['invalid'],
        'a message cursor the backend never gave',
        ['bad-cursor'],
      );
    });

    test('messages: a page around a message, with cursors both ways to the oldest and the newest', async ({
      transport,
    }) => {
      const sent: Message[] = [];
      for (let i = 0; i < 9; i++) sent.push(await send(transport, `conformance: around ${i}`, [r2]));
      const conversationId = sent[0]!.conversationId;
      const order = sent.map((m) => m.id).join();
      const target = sent[3]!;
      const page = await transport.listMessages({ conversationId, around: target.id, limit: 3 });
      page.messages.forEach((m) => checkMessage(m, 'a message of the page around a message'));
      assert(
        page.messages.length > 0 && page.messages.length <= 3,
        `the page around a message has 1 to 3 (the limit) messages, got ${page.messages.length}`,
      );
      const at = page.messages.findIndex((m) => m.id === target.id);
      assert(at !== -1, 'the page around a message holds that message');
      assert(
        at > 0 && at < page.messages.length - 1,
        'the page around a message has older and newer messages on both sides of it when there are some',
      );
      assert(page.hasNewer === true, 'the page around an older message knows that newer messages exist');
      assert(
        typeof page.olderCursor === 'string',
        'the page around a message has an olderCursor when older messages exist',
      );
      const seen = page.messages.map((m) => m.id);
      let older = page;
      for (let guard = 0; older.olderCursor !== null && guard < 100; guard++) {
        older = await transport.listMessages({ conversationId, before: older.olderCursor, limit: 2 });
        assert(
          older.messages.length > 0,
          'an olderCursor led to an empty page: it must be null on the first page',
        );
        seen.unshift(...older.messages.map((m) => m.id));
      }
      let newer = page;
      for (let guard = 0; newer.hasNewer && guard < 100; guard++) {
        newer = await transport.listMessages({ conversationId, after: newer.newerCursor, limit: 2 });
        assert(newer.messages.length > 0, 'hasNewer was true but the newerCursor led to an empty page');
        seen.push(...newer.messages.map((m) => m.id));
      }
      assert(
        seen.join() === order,
        'paging older and newer from the page around a message reaches the oldest and the newest message, oldest first, with no gap or repeat',
      );
      const newest = await transport.listMessages({ conversationId, around: sent[8]!.id, limit: 3 });
      assert(
        newest.messages.at(-1)?.id === sent[8]!.id && newest.hasNewer === false,
        'the page around the newest message ends with it, and hasNewer is false',
      );
      const oldest = await transport.listMessages({ conversationId, around: sent[0]!.id, limit: 3 });
      assert(
        oldest.messages[0]?.id === sent[0]!.id && oldest.olderCursor === null,
        'the page around the first message starts with it, and olderCursor is null',
      );
      await rejectsWith(
        transport.listMessages({ conversationId, around: `${target.id}-unknown` }),
        ['not-found'],
        'listMessages around a message id that does not exist',
      );
      const elsewhere = await send(transport, 'conformance: around elsewhere', [r3]);
      await rejectsWith(
        transport.listMessages({ conversationId, around: elsewhere.id }),
        ['not-found'],
        'listMessages around a message of another conversation',
      );
    });

    test('search: messages by word prefixes and digits, case and accents folded, newest first, in pages', async ({
      transport,
    }) => {
      if (transport.searchMessages === undefined) return; // optional: the client searches its cache only
      assert(
        typeof transport.searchMessages === 'function',
        'searchMessages, when present, must be a method',
      );
      const tag = `zq${nonsense(6)}`;
      const Tag = tag[0]!.toUpperCase() + tag.slice(1);
      const last4 = String(1000 + Math.floor(Math.random() * 9000));
      const texts = [
        `Nueva DIRECCIÓN ${Tag}: Calle Mayor`,
        `la direccion ${tag}alfa, por favor`,
        `${tag.toUpperCase()} nothing else`,
        `Call me on (415) 555-${last4} about it`,
      ];
      const sent: Message[] = [];
      for (const text of texts) {
        sent.push(await send(transport, text, [r3]));
        await sleep(5); // distinct createdAt, for "newest first"
      }
      const [a, b, c, d] = sent as [Message, Message, Message, Message];
      const ids = async (query: string, limit?: number) =>
        (await searchAll(transport, query, limit)).map((r) => r.message.id).join();
      const expect = async (query: string, want: readonly Message[], what: string, limit?: number) => {
        const got = await ids(query, limit);
        assert(
          got === want.map((m) => m.id).join(),
          `searching "${query}" ${what}: want ${JSON.stringify(want.map((m) => m.text))}, got ids ${got || 'none'}`,
        );
      };
      await expect(tag, [c, b, a], 'finds every message with a word starting so, newest first');
      await expect(tag.slice(0, 5), [c, b, a], 'matches the start of words');
      await expect(tag.slice(2), [], 'matches only the start of words, not the middle');
      await expect(`direccion ${tag}`, [b, a], 'folds accents ("direccion" finds "DIRECCIÓN")');
      await expect(`DIRECCIÓN ${Tag}`, [b, a], 'folds case and accents of the query too');
      await expect(`${tag} mayor`, [a], 'needs every word of the query');
      await expect(`dire ${tag.slice(0, 4).toUpperCase()}`, [b, a], 'matches prefixes of several words');
      await expect(tag, [c, b, a], 'pages by the cursor with no repeat or gap', 2);
      const first = await transport.searchMessages({ query: tag, limit: 2 });
      assert(
        first.results.length === 2 && typeof first.nextCursor === 'string',
        `the first page of 3 results with limit 2 has 2 results and a cursor, got ${first.results.length}`,
      );
      const written = await searchAll(transport, `415555${last4}`);
      assert(
        written.some((r) => r.message.id === d.id),
        'digits find a number written in the text with punctuation ("(415) 555-1234" by "4155551234")',
      );
      const spaced = await searchAll(transport, `555 ${last4}`);
      assert(
        spaced.some((r) => r.message.id === d.id),
        'a number query with spaces finds it too ("555 1234")',
      );
      const digits = r3.replace(/\D/g, '').slice(-10);
      const national = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
      const byNumber = await searchAll(transport, national);
      for (const m of sent)
        assert(
          byNumber.some((r) => r.message.id === m.id),
          `"${national}" finds the messages sent to ${r3} (a recipient's digits)`,
        );
      for (const r of byNumber) {
        const hay = [r.message.from, ...r.message.to, r.message.text].map((x) => x.replace(/\D/g, ''));
        assert(
          hay.some((x) => x.includes(digits)),
          `"${national}" found a message that has not those digits in its numbers: ${JSON.stringify(r.message.text)}`,
        );
      }
      const empty = await transport.searchMessages({ query: '  ' });
      assert(
        empty.results.length === 0 && empty.nextCursor === null,
        'a query with nothing to look for answers an empty page with a null cursor',
      );
      await transport.deleteMessage({ conversationId: c.conversationId, messageId: c.id });
      await expect(tag, [b, a], 'does not find a deleted message');
      await rejectsWith(
        transport.searchMessages({ query: tag, cursor: 'not a cursor' }),
        ['invalid'],
        'a search cursor the backend never gave',
        ['bad-cursor'],
      );
      await rejectsWith(
        transport.searchMessages({ query: tag, signal: AbortSignal.abort() }),
        ['aborted'],
        'searchMessages with an aborted signal',
      );
    });

    test('search: another account never finds this account’s messages (hooks.connectOtherAccount)', async ({
      transport,
      hooks,
    }) => {
      if (transport.searchMessages === undefined) return; // optional capability
      const tag = `zq${nonsense(6)}`;
      const mine = await send(transport, `private ${tag}`, [r3]);
      need(
        hooks?.connectOtherAccount,
        'hooks.connectOtherAccount is missing (give a transport signed in to another account of the ' +
          'same backend: search must never cross accounts)',
      );
      const other = await hooks.connectOtherAccount();
      need(other.searchMessages, 'the other account’s transport needs searchMessages too');
      const own = await searchAll(transport, tag);
      assert(
        own.some((r) => r.message.id === mine.id),
        'the account finds its own message',
      );
      const theirs = await searchAll(other, tag);
      assert(theirs.length === 0, `another account found ${theirs.length} of this account’s messages`);
    });

    test('events: message.created carries the conversation as it is after the message', async ({
      transport,
      hooks,
    }) => {
      const other = await secondSession(hooks);
      const mine = await listen(transport);
      const theirs = await listen(other);
      try {
        const earlier = await send(transport, 'conformance: before the event', [r2]);
        const before = await conversationOf(transport, earlier.conversationId);
        await sleep(5);
        const message = await send(transport, 'conformance: events', [r2]);
        for (const [feed, who] of [
          [mine, 'the sending session'],
          [theirs, 'another session of the account'],
        ] as const) {
          await feed.until(
            `message.created of a sent message at ${who}`,
            (e) => !!createdEvent(e, message.id),
          );
          const event = createdEvent(feed.events, message.id)!;
          checkEvents(feed.events);
          assert(
            event.message.clientId === message.clientId,
            'message.created carries the client id of a send',
          );
          assert(
            event.conversation.lastMessage?.id === message.id,
            `message.created at ${who} must carry the conversation after the message: lastMessage is the new message`,
          );
          assert(
            event.conversation.updatedAt > before.updatedAt &&
              event.conversation.updatedAt >= message.createdAt - 1000,
            `message.created at ${who} must carry the conversation after the message: updatedAt moved forward`,
          );
        }
      } finally {
        mine.stop();
        theirs.stop();
      }
    });

    test('events: status only moves forward, also after a final status', async ({ transport, hooks }) => {
      const other = await secondSession(hooks);
      const feed = await listen(other);
      try {
        const message = await send(transport, 'conformance: status', [r3]);
        await feed.until('a final status (delivered or failed) at another session', (events) =>
          events.some(
            (e) => e.type === 'message.status' && e.messageId === message.id && FINAL.includes(e.status),
          ),
        );
        await sleep(settle);
        checkEvents(feed.events);
        let status: MessageStatus = message.status;
        for (const e of feed.events) {
          if (e.type !== 'message.status' || e.messageId !== message.id) continue;
          assert(
            e.conversationId === message.conversationId,
            'message.status names the message’s conversation',
          );
          if (e.clientId !== undefined)
            assert(e.clientId === message.clientId, 'message.status carries the client id');
          assert(
            e.status === status || NEXT[status].includes(e.status),
            `status must only move forward, went from ${status} to ${e.status}`,
          );
          if (e.status === 'failed')
            assert(typeof e.failure?.code === 'string', 'a failed status says why (failure.code)');
          status = e.status;
        }
        const page = await transport.listMessages({ conversationId: message.conversationId, limit: 5 });
        const stored = page.messages.find((m) => m.id === message.id);
        assert(stored && stored.status === status, `the stored message keeps its final status ${status}`);
      } finally {
        feed.stop();
      }
    });

    test('events: reach every subscriber and every session, none after unsubscribing', async ({
      transport,
      hooks,
    }) => {
      const other = await secondSession(hooks);
      const a = await listen(transport);
      const b = await listen(transport);
      const c = await listen(other);
      try {
        const first = await send(transport, 'conformance: three listeners', [r0]);
        await a.until('message.created at the first subscriber', (e) => !!createdEvent(e, first.id));
        await b.until(
          'message.created at the second subscriber of the same transport',
          (e) => !!createdEvent(e, first.id),
        );
        await c.until(
          'message.created at a subscriber of another session',
          (e) => !!createdEvent(e, first.id),
        );
        b.stop();
        c.stop();
        const counts = [b.events.length, c.events.length];
        const second = await send(other, 'conformance: one listener', [r0]);
        await a.until('message.created of a send by another session', (e) => !!createdEvent(e, second.id));
        await sleep(settle);
        assert(
          b.events.length === counts[0] && c.events.length === counts[1],
          'no events after unsubscribing',
        );
        checkEvents(a.events);
      } finally {
        a.stop();
        b.stop();
        c.stop();
      }
    });

    test('events: the push connection comes back after a drop (hooks.dropPushConnection)', async ({
      transport,
      hooks,
    }) => {
      need(
        hooks?.dropPushConnection,
        'hooks.dropPushConnection is missing (make the backend drop the account’s push connections)',
      );
      const feed = await listen(transport);
      try {
        const before = await send(transport, 'conformance: before the drop', [r1]);
        await feed.until('message.created before the drop', (e) => !!createdEvent(e, before.id));
        await hooks.dropPushConnection();
        const after = await send(transport, 'conformance: after the drop', [r1]);
        await feed.until(
          'message.created of a send after the push connection dropped (the transport must reconnect)',
          (e) => !!createdEvent(e, after.id),
        );
        await sleep(settle);
        checkEvents(feed.events);
        const states = feed.events.flatMap((e) => (e.type === 'connection' ? [e.state] : []));
        assert(
          states.length === 0 || states.at(-1) === 'online',
          `connection events must end online once the push connection is back, got ${states.join(', ')}`,
        );
      } finally {
        feed.stop();
      }
    });

    test('inbound: received texts are pushed to every session, unread and on top (hooks.receive)', async ({
      transport,
      hooks,
    }) => {
      need(hooks?.receive, 'hooks.receive is missing (make the backend receive a text from a number)');
      const own = await ownNumber(transport);
      const other = await secondSession(hooks);
      const mine = await listen(transport);
      const theirs = await listen(other);
      try {
        const earlier = await send(transport, 'conformance: before the reply', [r4], own.number);
        await transport.markRead({ conversationId: earlier.conversationId });
        await send(transport, 'conformance: something newer', [r3], own.number);
        const text = `conformance: inbound ${randomId()}`;
        const before = Date.now();
        await hooks.receive(r4, text, own.number);
        const isIt = (e: TransportEvent) => e.type === 'message.created' && e.message.text === text;
        await mine.until('an inbound message.created', (events) => events.some(isIt));
        await theirs.until('an inbound message.created at another session', (events) => events.some(isIt));
        checkEvents(mine.events);
        const event = mine.events.find(isIt);
        assert(event?.type === 'message.created', 'the inbound event');
        const m = event.message;
        assert(m.direction === 'inbound', 'an inbound message has direction inbound');
        assert(m.from === r4, 'an inbound message is from the sender');
        assert(
          m.to.length === 1 && m.to[0] === own.number,
          'an inbound message is to the own number it was sent to',
        );
        assert(m.status === 'delivered', `an inbound message has status delivered, got ${m.status}`);
        assert(m.createdAt >= before - 60_000, 'an inbound message has the time it arrived');
        assert(
          m.conversationId === earlier.conversationId,
          'a reply lands in the conversation with the sender',
        );
        assert(
          event.conversation.unreadCount === 1,
          'the event’s conversation counts the new unread message',
        );
        assert(
          event.conversation.lastMessage?.id === m.id,
          'the event’s conversation has the reply as lastMessage',
        );
        const top = await transport.listConversations({ limit: 1 });
        assert(top.conversations[0]?.id === m.conversationId, 'the conversation moves to the top');
        assert(top.conversations[0]!.unreadCount === 1, 'the unread count is stored');
      } finally {
        mine.stop();
        theirs.stop();
      }
    });

    test('opt-out: STOP blocks texts to the sender, START allows them again (hooks.receive)', async ({
      transport,
      hooks,
    }) => {
      need(hooks?.receive, 'hooks.receive is missing (make the backend receive a text from a number)');
      const own = await ownNumber(transport);
      const first = await send(transport, 'conformance: before STOP', [r5], own.number);
      await hooks.receive(r5, 'STOP', own.number);
      try {
        const c = await conversationOf(transport, first.conversationId);
        assert(c.optedOut?.includes(r5), 'a participant who replied STOP is listed in optedOut');
        await rejectsWith(
          send(transport, 'conformance: after STOP', [r5], own.number),
          ['invalid'],
          'a text to a number that replied STOP',
          ['recipient-opted-out'],
        );
      } finally {
        await hooks.receive(r5, 'START', own.number);
      }
      const c = await conversationOf(transport, first.conversationId);
      assert(!c.optedOut?.includes(r5), 'START takes the participant out of optedOut');
      await send(transport, 'conformance: after START', [r5], own.number);
    });

    test('uploads: progress, type by content, the number’s limits; the attachment can be sent', async ({
      transport,
    }) => {
      const own = await ownNumber(transport, 'mms');
      const progress: [number, number][] = [];
      const attachment = await transport.uploadAttachment({
        file: new Blob([pngBytes()], { type: 'application/octet-stream' }),
        name: 'dot.jpg',
        from: own.number,
        onProgress: (loaded, total) => progress.push([loaded, total]),
      });
      checkAttachment(attachment, 'the uploaded attachment');
      assert(progress.length > 0, 'onProgress must be called');
      for (let i = 0; i < progress.length; i++) {
        const [loaded, total] = progress[i]!;
        assert(total === PNG_SIZE, `progress total is the file size ${PNG_SIZE}, got ${total}`);
        assert(loaded >= 0 && loaded <= total, 'progress must stay within the total');
        assert(i === 0 || loaded >= progress[i - 1]![0], 'progress must not go back');
      }
      assert(progress.at(-1)![0] === PNG_SIZE, 'the last progress call reports every byte');
      assert(
        attachment.type === 'image/png',
        `the type is decided by content (PNG bytes named .jpg, sent as octet-stream), got ${attachment.type}`,
      );
      assert(attachment.name === 'dot.jpg', 'the attachment keeps its name');
      assert(attachment.size === PNG_SIZE, 'the attachment has the size of the file');
      const message = await transport.sendMessage({
        clientId: randomId(),
        from: own.number,
        to: [r0],
        text: '',
        attachmentIds: [attachment.id],
      });
      checkMessage(message, 'a message with an attachment');
      assert(
        message.attachments.length === 1 && message.attachments[0]!.id === attachment.id,
        'the message carries the attachment',
      );
      const max = resolvePolicy(own).maxFileBytes;
      await rejectsWith(
        transport.uploadAttachment({
          file: new Blob([pngBytes(max + 1 - PNG_SIZE)]),
          name: 'big.png',
          from: own.number,
        }),
        ['invalid'],
        `a file of ${max + 1} bytes, over the number’s limit of ${max}`,
        ['file-too-large'],
      );
      const html = new TextEncoder().encode(
        '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
      );
      await rejectsWith(
        transport.uploadAttachment({
          file: new Blob([html], { type: 'image/png' }),
          name: 'photo.png',
          from: own.number,
        }),
        ['invalid'],
        'HTML named .png',
        ['type-mismatch', 'type-not-allowed'],
      );
      await rejectsWith(
        transport.uploadAttachment({ file: new Blob([]), name: 'empty.png', from: own.number }),
        ['invalid'],
        'an empty file',
        ['empty-file'],
      );
    });

    test('abort: every method honours an aborted signal, and one that fires in flight', async ({
      transport,
    }) => {
      const own = await ownNumber(transport, 'mms');
      const m = await send(transport, 'conformance: abort', [r0], own.number);
      const ids = { conversationId: m.conversationId };
      const signal = AbortSignal.abort();
      const calls: [string, () => Promise<unknown>][] = [
        ['getAccount', () => transport.getAccount({ signal })],
        ['listConversations', () => transport.listConversations({ signal })],
        ['getConversation', () => transport.getConversation({ ...ids, signal })],
        ['findConversation', () => transport.findConversation({ participants: [r0], signal })],
        ['listMessages', () => transport.listMessages({ ...ids, signal })],
        [
          'sendMessage',
          () =>
            transport.sendMessage({
              clientId: randomId(),
              from: own.number,
              to: [r0],
              text: 'x',
              attachmentIds: [],
              signal,
            }),
        ],
        [
          'uploadAttachment',
          () =>
            transport.uploadAttachment({
              file: new Blob([pngBytes()]),
              name: 'dot.png',
              from: own.number,
              signal,
            }),
        ],
        ['deleteMessage', () => transport.deleteMessage({ ...ids, messageId: m.id, signal })],
        ['markRead', () => transport.markRead({ ...ids, signal })],
        ['markUnread', () => transport.markUnread({ ...ids, signal })],
        ['searchContacts', () => transport.searchContacts({ query: '', signal })],
        ['deleteConversation', () => transport.deleteConversation({ ...ids, signal })],
      ];
      for (const [name, call] of calls)
        await rejectsWith(call(), ['aborted'], `${name} with an aborted signal`);
      await conversationOf(transport, m.conversationId); // an aborted delete deleted nothing
      const during = new AbortController();
      const upload = transport.uploadAttachment({
        file: new Blob([pngBytes(256 * 1024)]),
        name: 'dot.png',
        from: own.number,
        signal: during.signal,
        // Bytes are going out: the request has been sent.
        onProgress: () => during.abort(),
      });
      await rejectsWith(upload, ['aborted'], 'an upload aborted while its bytes go out');
    });

    test('errors: a rate-limited request is kind rate-limited with retryAfterMs (hooks.rateLimitNext)', async ({
      transport,
      hooks,
    }) => {
      need(
        hooks?.rateLimitNext,
        'hooks.rateLimitNext is missing (make the backend refuse the next request as rate limited)',
      );
      await transport.getAccount();
      await hooks.rateLimitNext();
      let error: unknown;
      try {
        await transport.listConversations({ limit: 1 });
      } catch (e) {
        error = e;
      }
      assert(
        isTransportError(error),
        `a rate-limited request must reject with a TransportError, got ${String(error)}`,
      );
      assert(
        error.kind === 'rate-limited',
        `a rate-limited request must reject with kind rate-limited, got ${error.kind}`,
      );
      assert(
        typeof error.retryAfterMs === 'number' && error.retryAfterMs > 0,
        `rate-limited errors carry retryAfterMs > 0, got ${String(error.retryAfterMs)}`,
      );
      await transport.listConversations({ limit: 1 });
    });

    test('errors: bad input is refused with the documented kinds and codes', async ({ transport }) => {
      for (const [name, call] of [
        ['getConversation', () => transport.getConversation({ conversationId: 'no-such-conversation' })],
        ['listMessages', () => transport.listMessages({ conversationId: 'no-such-conversation' })],
        [
          'deleteConversation',
          () => transport.deleteConversation({ conversationId: 'no-such-conversation' }),
        ],
        ['markRead', () => transport.markRead({ conversationId: 'no-such-conversation' })],
        ['markUnread', () => transport.markUnread({ conversationId: 'no-such-conversation' })],
      ] as const) {
        await rejectsWith(call(), ['not-found'], `${name} of an unknown conversation`);
      }
      const own = await ownNumber(transport);
      const m = await send(transport, 'conformance: errors', [r0], own.number);
      await rejectsWith(
        transport.deleteMessage({ conversationId: m.conversationId, messageId: 'no-such-message' }),
        ['not-found'],
        'deleting an unknown message',
      );
      const base = { from: own.number, to: [r0], text: 'x', attachmentIds: [] as string[] };
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), to: ['not a number'] }),
        ['invalid'],
        'a send to something that is not a phone number',
        ['invalid-recipient'],
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), from: '+19995550100' }),
        ['invalid'],
        'a send from a number that is not the account’s',
        ['unknown-number'],
      );
      await rejectsWith(
        transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'dot.png', from: '+19995550100' }),
        ['invalid'],
        'an upload for a number that is not the account’s',
        ['unknown-number'],
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), text: '   ' }),
        ['invalid'],
        'an empty message without attachments',
        ['empty-message'],
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), attachmentIds: ['no-such-attachment'] }),
        ['invalid'],
        'a send with an attachment that was never uploaded',
        ['unknown-attachment'],
      );
    });

    test('delete: messages and conversations, pushed to every session', async ({ transport, hooks }) => {
      const other = await secondSession(hooks);
      const feed = await listen(other);
      try {
        const a = await send(transport, 'conformance: delete a', [r2]);
        const b = await send(transport, 'conformance: delete b', [r2]);
        await transport.deleteMessage({ conversationId: b.conversationId, messageId: b.id });
        const page = await transport.listMessages({ conversationId: a.conversationId, limit: 100 });
        assert(!page.messages.some((m) => m.id === b.id), 'a deleted message is gone');
        assert(
          page.messages.some((m) => m.id === a.id),
          'other messages stay',
        );
        const after = await conversationOf(transport, a.conversationId);
        assert(
          after.lastMessage?.id === a.id,
          'deleting the newest message makes the one before it the lastMessage',
        );
        await feed.until('message.deleted at another session', (events) =>
          events.some(
            (e) =>
              e.type === 'message.deleted' && e.messageId === b.id && e.conversationId === b.conversationId,
          ),
        );
        await rejectsWith(
          transport.deleteMessage({ conversationId: b.conversationId, messageId: b.id }),
          ['not-found'],
          'deleting a deleted message',
        );
        await transport.deleteConversation({ conversationId: a.conversationId });
        await rejectsWith(
          transport.getConversation({ conversationId: a.conversationId }),
          ['not-found'],
          'a deleted conversation',
        );
        await rejectsWith(
          transport.listMessages({ conversationId: a.conversationId }),
          ['not-found'],
          'the messages of a deleted conversation',
        );
        await feed.until('conversation.deleted at another session', (events) =>
          events.some((e) => e.type === 'conversation.deleted' && e.conversationId === a.conversationId),
        );
        const all = await pageAll(transport, 50);
        assert(!all.some((c) => c.id === a.conversationId), 'a deleted conversation is not listed');
        const found = await transport.findConversation({ participants: [r2], from: a.from });
        assert(found?.id !== a.conversationId, 'a deleted conversation is not found');
        checkEvents(feed.events);
      } finally {
        feed.stop();
      }
    });

    test('read state: markRead and markUnread, stored and pushed to every session', async ({
      transport,
      hooks,
    }) => {
      const other = await secondSession(hooks);
      const feed = await listen(other);
      try {
        const m = await send(transport, 'conformance: read', [r1]);
        const read = await transport.markRead({ conversationId: m.conversationId });
        checkConversation(read, 'markRead');
        assert(
          read.id === m.conversationId && read.unreadCount === 0,
          'markRead answers the conversation, count 0',
        );
        const unread = await transport.markUnread({ conversationId: m.conversationId });
        checkConversation(unread, 'markUnread');
        assert(unread.unreadCount >= 1, 'markUnread leaves at least one unread');
        const fetched = await conversationOf(transport, m.conversationId);
        assert(fetched.unreadCount === unread.unreadCount, 'the unread count is stored');
        await feed.until('conversation.updated with the unread count at another session', (events) =>
          events.some(
            (e) =>
              e.type === 'conversation.updated' &&
              e.conversation.id === m.conversationId &&
              e.conversation.unreadCount >= 1,
          ),
        );
        const again = await transport.markRead({ conversationId: m.conversationId });
        assert(again.unreadCount === 0, 'markRead clears the count again');
        assert(
          (await conversationOf(transport, m.conversationId)).unreadCount === 0,
          'the cleared count is stored',
        );
        await feed.until('conversation.updated with the count cleared at another session', (events) =>
          events.some(
            (e, i) =>
              e.type === 'conversation.updated' &&
              e.conversation.id === m.conversationId &&
              e.conversation.unreadCount === 0 &&
              events
                .slice(0, i)
                .some((x) => x.type === 'conversation.updated' && x.conversation.unreadCount >= 1),
          ),
        );
        checkEvents(feed.events);
      } finally {
        feed.stop();
      }
    });

    test('contacts: search by name ignoring case and accents, by digits, within the limit', async ({
      transport,
    }) => {
      const firstFive = await transport.searchContacts({ query: '', limit: 5 });
      assert(Array.isArray(firstFive), 'searchContacts answers a list');
      need(
        firstFive.length > 0,
        'the account needs contacts (an empty query found none; it must list the first contacts)',
      );
      assert(
        firstFive.length <= 5,
        `an empty query lists at most limit (5) contacts, got ${firstFive.length}`,
      );
      const one = await transport.searchContacts({ query: '', limit: 1 });
      assert(one.length === 1, `limit 1 gives one contact, got ${one.length}`);
      for (const c of firstFive) {
        assert(typeof c.id === 'string' && typeof c.name === 'string', 'a contact has an id and a name');
        assert(Array.isArray(c.numbers), 'contact.numbers is a list');
        for (const n of c.numbers) assert(isE164(n.number), `contact number ${n.number} must be E.164`);
      }
      // Three letters in a row from a contact's name ("Mar" of "María López").
      const runOf = (name: string) => /\p{L}{3}/u.exec(name.normalize('NFC'))?.[0];
      const contact = firstFive.find((c) => runOf(c.name) && c.numbers.length > 0);
      need(
        contact,
        'the account needs a contact with a number and three letters in a row in its name, among the first five',
      );
      const part = runOf(contact.name)!;
      const found = async (query: string, why: string) => {
        const result = await transport.searchContacts({ query, limit: 100 });
        assert(
          result.some((c) => c.id === contact.id),
          `searching "${query}" must find ${contact.name} (${why})`,
        );
      };
      await found(part.toUpperCase(), 'part of the name, in another case');
      await found(withAccents(fold(part)), 'part of the name with accents added: accents are ignored');
      const accented = firstFive.find((c) => fold(c.name) !== c.name.toLowerCase() && c.numbers.length > 0);
      if (accented) {
        // The other direction, when a name has accents: typed without them.
        const plain = fold(accented.name).split(/\s+/)[0]!;
        const result = await transport.searchContacts({ query: plain, limit: 100 });
        assert(
          result.some((c) => c.id === accented.id),
          `searching "${plain}" must find ${accented.name}`,
        );
      }
      const digits = contact.numbers[0]!.number.replace(/\D/g, '');
      const formatted = `(${digits.slice(-10, -7)}) ${digits.slice(-7, -4)}-${digits.slice(-4)}`;
      await found(formatted, 'digits of the number, typed with punctuation');
      const none = await transport.searchContacts({ query: 'zzqxj no such name', limit: 100 });
      assert(none.length === 0, `a query that matches nothing finds nothing, got ${none.length} contacts`);
    });

    test('toll-free: SMS to one person only', async ({ transport }) => {
      const account = await transport.getAccount();
      const tollFree = account.numbers.find((n) => n.kind === 'toll-free');
      need(
        tollFree,
        'the account needs a toll-free number (kind toll-free) to check it sends SMS to one person only',
      );
      const base = { from: tollFree.number, text: 'x', attachmentIds: [] as string[] };
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), to: [r0, r1] }),
        ['invalid'],
        'a group send from a toll-free number',
        ['toll-free-sms-only'],
      );
      await rejectsWith(
        transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'dot.png', from: tollFree.number }),
        ['invalid'],
        'an upload for a toll-free number',
        ['toll-free-sms-only'],
      );
      const local = await ownNumber(transport, 'mms');
      const attachment = await transport.uploadAttachment({
        file: new Blob([pngBytes()]),
        name: 'dot.png',
        from: local.number,
      });
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), to: [r0], attachmentIds: [attachment.id] }),
        ['invalid'],
        'a send with an attachment from a toll-free number',
        ['toll-free-sms-only'],
      );
      const sms = await send(transport, 'conformance: toll-free SMS', [r0], tollFree.number);
      assert(sms.from === tollFree.number, 'a toll-free number can send SMS to one person');
      const c = await conversationOf(transport, sms.conversationId);
      assert(c.ownNumber === tollFree.number, 'the conversation texts from the toll-free number');
    });

    test('copies: answers and events can be changed by the caller without effect', async ({ transport }) => {
      const a = await listen(transport);
      const b = await listen(transport);
      try {
        const m = await send(transport, 'conformance: copy', [r0]);
        await a.until('message.created', (e) => !!createdEvent(e, m.id));
        await b.until('message.created', (e) => !!createdEvent(e, m.id));
        const ea = createdEvent(a.events, m.id)!;
        (ea.message as { text: string }).text = 'changed by a listener';
        assert(
          createdEvent(b.events, m.id)!.message.text === 'conformance: copy',
          'each listener gets its own event object',
        );
        const page = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
        const mine = page.messages.find((x) => x.id === m.id);
        assert(mine, 'the message is listed');
        (mine as { text: string }).text = 'changed by the caller';
        (m as { text: string }).text = 'changed by the caller';
        const c = await transport.getConversation({ conversationId: m.conversationId });
        (c.participants as string[]).push('+12025550149');
        const listed = await transport.listConversations({ limit: 1 });
        (listed.conversations[0]!.participants as string[]).push('+12025550149');
        const again = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
        assert(
          again.messages.find((x) => x.id === m.id)?.text === 'conformance: copy',
          'changing a returned message changes nothing',
        );
        const c2 = await transport.getConversation({ conversationId: m.conversationId });
        assert(!c2.participants.includes('+12025550149'), 'changing a returned conversation changes nothing');
        const contacts = await transport.searchContacts({ query: '', limit: 1 });
        need(contacts[0], 'the account needs contacts');
        const name = contacts[0].name;
        (contacts[0] as { name: string }).name = 'changed by the caller';
        (contacts[0].numbers as Contact['numbers'][number][]).length = 0;
        const contacts2 = await transport.searchContacts({ query: '', limit: 1 });
        assert(
          contacts2[0]?.name === name && contacts2[0].numbers.length > 0,
          'changing a returned contact changes nothing',
        );
        const account: Account = await transport.getAccount();
        (account.numbers as OwnNumber[]).length = 0;
        assert(
          (await transport.getAccount()).numbers.length > 0,
          'changing the returned account changes nothing',
        );
      } finally {
        a.stop();
        b.stop();
      }
    });

    test('saved replies: listed, created, changed and deleted as personal replies, trimmed and checked', async ({
      transport,
    }) => {
      if (transport.listSavedReplies === undefined) return; // optional: hosts give replies directly
      const list = async (): Promise<readonly SavedReply[]> => {
        const replies = await transport.listSavedReplies!();
        assert(Array.isArray(replies), 'listSavedReplies must resolve with an array');
        replies.forEach((r, i) => checkSavedReply(r, `saved reply ${i}`));
        assert(new Set(replies.map((r) => r.id)).size === replies.length, 'saved reply ids must not repeat');
        return replies;
      };
      const before = await list();
      if (transport.saveSavedReply === undefined) return; // a read-only list
      assert(
        typeof transport.deleteSavedReply === 'function',
        'a transport with saveSavedReply must have deleteSavedReply too',
      );
      const tag = `zq${nonsense(6)}`;
      const created = await transport.saveSavedReply({
        title: `  Conformance ${tag}  `,
        text: ` Hi {first_name} ${tag} `,
      });
      checkSavedReply(created, 'the reply saveSavedReply created');
      assert(created.personal === true, 'a reply created with saveSavedReply is personal');
      assert(
        created.title === `Conformance ${tag}`,
        `the title is stored trimmed, got ${JSON.stringify(created.title)}`,
      );
      assert(
        created.text === `Hi {first_name} ${tag}`,
        `the text is stored trimmed, got ${JSON.stringify(created.text)}`,
      );
      assert(!before.some((r) => r.id === created.id), 'a new reply gets a new id');
      const afterCreate = await list();
      const listed = afterCreate.find((r) => r.id === created.id);
      assert(listed?.text === created.text && listed.personal, 'listSavedReplies includes the created reply');
      assert(afterCreate.length === before.length + 1, 'creating a reply adds exactly one');
      (listed as { title: string }).title = 'changed by the caller';
      assert(
        (await list()).find((r) => r.id === created.id)?.title === created.title,
        'changing a listed reply changes nothing',
      );

      const changed = await transport.saveSavedReply({
        id: created.id,
        title: `Changed ${tag}`,
        text: `Bye ${tag}`,
      });
      assert(changed.id === created.id, 'saveSavedReply with an id changes that reply (same id)');
      assert(changed.title === `Changed ${tag}` && changed.text === `Bye ${tag}`, 'the change is answered');
      const afterChange = await list();
      assert(afterChange.length === afterCreate.length, 'changing a reply does not add one');
      assert(afterChange.find((r) => r.id === created.id)?.text === `Bye ${tag}`, 'the change is stored');

      for (const [request, what] of [
        [{ title: '  ', text: 'x' }, 'a blank title'],
        [{ title: 'x', text: ' \n ' }, 'a blank text'],
        [{ title: 'x'.repeat(81), text: 'x' }, 'a title of 81 characters'],
        [{ title: 'x', text: 'x'.repeat(1601) }, 'a text of 1601 characters'],
        [{ id: created.id, title: '', text: 'x' }, 'a change to a blank title'],
      ] as const) {
        await rejectsWith(transport.saveSavedReply(request), ['invalid'], `saveSavedReply with ${what}`, [
          'bad-request',
        ]);
      }
      assert(
        (await list()).find((r) => r.id === created.id)?.title === `Changed ${tag}`,
        'a refused change changes nothing',
      );
      await rejectsWith(
        transport.saveSavedReply({ id: `no-such-reply-${tag}`, title: 'x', text: 'x' }),
        ['not-found'],
        'saveSavedReply with an unknown id',
      );
      const shared = before.find((r) => !r.personal);
      if (shared) {
        await rejectsWith(
          transport.saveSavedReply({ id: shared.id, title: 'x', text: 'x' }),
          ['invalid'],
          'saveSavedReply of a shared reply',
          ['read-only'],
        );
        await rejectsWith(
          transport.deleteSavedReply!({ id: shared.id }),
          ['invalid'],
          'deleteSavedReply of a shared reply',
          ['read-only'],
        );
      }

      await transport.deleteSavedReply!({ id: created.id });
      const afterDelete = await list();
      assert(!afterDelete.some((r) => r.id === created.id), 'a deleted reply is no longer listed');
      assert(afterDelete.length === before.length, 'deleting a reply removes exactly one');
      await rejectsWith(
        transport.deleteSavedReply!({ id: created.id }),
        ['not-found'],
        'deleting a reply twice',
      );
    });

    test('saved replies: another account never sees nor changes this account’s replies (hooks.connectOtherAccount)', async ({
      transport,
      hooks,
    }) => {
      if (transport.saveSavedReply === undefined || transport.listSavedReplies === undefined) return;
      const tag = `zq${nonsense(6)}`;
      const mine = await transport.saveSavedReply({ title: `Private ${tag}`, text: `Only mine ${tag}` });
      need(
        hooks?.connectOtherAccount,
        'hooks.connectOtherAccount is missing (give a transport signed in to another account of the ' +
          'same backend: saved replies must never cross accounts)',
      );
      const other = await hooks.connectOtherAccount();
      need(
        other.listSavedReplies && other.saveSavedReply && other.deleteSavedReply,
        'the other account’s transport needs saved replies too',
      );
      const theirs = await other.listSavedReplies();
      assert(
        !theirs.some((r) => r.id === mine.id || r.text.includes(tag)),
        'another account lists this account’s personal reply',
      );
      await rejectsWith(
        other.saveSavedReply({ id: mine.id, title: 'taken', text: 'taken' }),
        ['not-found'],
        'another account changing this account’s reply',
      );
      await rejectsWith(
        other.deleteSavedReply({ id: mine.id }),
        ['not-found'],
        'another account deleting this account’s reply',
      );
      const still = (await transport.listSavedReplies()).find((r) => r.id === mine.id);
      assert(still?.title === `Private ${tag}`, 'the reply is unchanged after another account tried');
    });

    scheduledConformance({
      test,
      assert,
      need,
      rejectsWith,
      checkTime,
      checkMessage,
      listen,
      secondSession,
      send: (transport, text, to) => send(transport, text, to),
      checkAttachment,
      upload: (transport, from) =>
        transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'later.png', from }),
      randomId,
      sleep,
      recipient: r4,
    });
  });
}
