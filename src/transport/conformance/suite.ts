// What every area of the conformance suite shares for one run: the options read once, the
// recipients, the `test` that makes and disposes a subject, and the helpers that need them.
import type { Conversation } from '../../model/conversation.js';
import type { OwnNumber } from '../../model/account.js';
import type { Message } from '../../model/message.js';
import type { MessageSearchResult, SearchMessagesRequest, Transport, TransportEvent } from '../transport.js';
import { isE164 } from '../../rules/e164.js';
import {
  DEFAULT_RECIPIENTS,
  NEXT,
  PREFIX,
  assert,
  checkConversation,
  checkMessage,
  checkTime,
  need,
  randomId,
  sleep,
} from './checks.js';
import type { Feed } from './checks.js';
import type { ConformanceHooks, ConformanceOptions, ConformanceSubject } from './types.js';

/** The runner's `it`. */
export type It = (name: string, body: () => Promise<void>) => void;

/** What the areas of the suite share: see {@link makeSuite}. */
export type Suite = ReturnType<typeof makeSuite>;

/** Reads the options and builds the shared helpers of one run of the suite. */
export function makeSuite(
  makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>,
  options: ConformanceOptions,
  it: It,
) {
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

  return {
    test,
    timeout,
    settle,
    /** The six recipients, in order (`r0`…`r5` one by one). */
    recipients: [r0, r1, r2, r3, r4, r5] as const,
    r0,
    r1,
    r2,
    r3,
    r4,
    r5,
    ownNumbers,
    ownNumber,
    send,
    listen,
    secondSession,
    createdEvent,
    checkEvents,
    pageAll,
    conversationOf,
    searchAll,
  };
}
