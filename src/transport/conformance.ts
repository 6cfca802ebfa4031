import type { OwnNumber } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Message, MessageStatus } from '../model/message.js';
import { isTransportError } from './errors.js';
import type { TransportErrorKind } from './errors.js';
import type { Transport, TransportEvent } from './transport.js';

/** What the conformance suite tests: a transport, and optional hooks into its backend. */
export interface ConformanceSubject {
  /** A transport signed in to an account with at least one texting number that is not toll-free. */
  readonly transport: Transport;
  readonly hooks?: {
    /**
     * Makes the backend receive an inbound text from `from` on the account's first number that
     * is not toll-free. Without it, the tests of inbound messages pass without checking anything.
     */
    receive?(from: string, text: string): Promise<void>;
    /** Called after each test, also when it failed: close connections, stop servers. */
    dispose?(): Promise<void> | void;
  };
}

/** Options of {@link runTransportConformance}. */
export interface ConformanceOptions {
  /** Name of the `describe` block (default "transport conformance"). */
  readonly name?: string;
  /** How long to wait for pushed events, in ms (default 5 000). Keep it under the runner's test timeout. */
  readonly eventTimeoutMs?: number;
  /** A valid recipient the backend accepts and that never replies STOP (default +12025550143). */
  readonly recipient?: string;
  /** A second valid recipient, for group sends (default +12025550144). */
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
const E164 = /^\+[1-9]\d{6,14}$/;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Transport conformance: ${message}`);
}

async function rejectsWith(
  promise: Promise<unknown>,
  kinds: readonly TransportErrorKind[],
  what: string,
): Promise<void> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    assert(isTransportError(error), `${what} must reject with a TransportError, got ${String(error)}`);
    assert(
      kinds.includes(error.kind),
      `${what} must reject with kind ${kinds.join(' or ')}, got ${error.kind}`,
    );
    return;
  }
  throw new Error(
    `Transport conformance: ${what} must reject, but it resolved with ${JSON.stringify(result)}`,
  );
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A valid 1×1 PNG. */
function pngBytes(): Uint8Array<ArrayBuffer> {
  const b64 =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Registers a suite of tests that checks a {@link Transport} against the contract in
 * `docs/transport.md`. It uses only the global `describe` and `it` (mocha, web-test-runner,
 * vitest, jest) and no assertion library: a failed check throws an `Error` whose message starts
 * with "Transport conformance:" and says what the contract expects.
 *
 * `makeSubject` is called once per test and must give a transport signed in to an account with
 * at least one texting number that is not toll-free, and some contacts. Each test makes the
 * data it checks (it sends to `options.recipient`), so the tests can run in any order against
 * a shared test backend; `hooks.dispose` runs after each one.
 *
 * It checks: the account's shape; conversation paging (newest activity first, limits, no
 * duplicates, a `null` cursor at the end); getting and finding conversations; message paging in
 * both directions, oldest first; that a send creates the conversation and one message, and is
 * idempotent by `clientId`; `message.created` and forward-only `message.status` events, for every
 * subscriber, and none after unsubscribing; inbound messages (with `hooks.receive`); uploads with
 * progress whose attachment can be sent; aborting (before and during a request); deleting
 * messages and conversations; read and unread; contact search by name and by digits; toll-free
 * numbers limited to SMS to one person; that answers are copies; and that failures are
 * `TransportError`s of the right kind (`not-found`, `invalid`, `aborted`).
 *
 * @param makeSubject Gives the transport to test (and optional hooks), for each test.
 * @param options Suite name, event timeout and recipients.
 *
 * @example
 * ```ts
 * import { runTransportConformance } from 'sms-elements/conformance';
 * import { createRestTransport } from '../src/rest-transport.js';
 *
 * runTransportConformance(async () => {
 *   const server = await startTestServer();
 *   return {
 *     transport: createRestTransport(server.url, () => 'test-token'),
 *     hooks: {
 *       receive: (from, text) => server.inbound({ from, text }),
 *       dispose: () => server.stop(),
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
  const recipient = options.recipient ?? '+12025550143';
  const secondRecipient = options.secondRecipient ?? '+12025550144';

  const test = (name: string, body: (subject: ConformanceSubject) => Promise<void>) =>
    it(name, async () => {
      const subject = await makeSubject();
      try {
        await body(subject);
      } finally {
        await subject.hooks?.dispose?.();
      }
    });

  async function ownNumber(transport: Transport, need: 'sms' | 'mms' = 'sms'): Promise<OwnNumber> {
    const account = await transport.getAccount();
    const own = account.numbers.find(
      (n) => n.kind !== 'toll-free' && n.capabilities.sms && (need === 'sms' || n.capabilities.mms),
    );
    assert(
      own,
      `the account needs a texting number that is not toll-free${need === 'mms' ? ' and can send MMS' : ''}`,
    );
    return own;
  }

  async function send(transport: Transport, text: string, clientId = randomId()): Promise<Message> {
    const own = await ownNumber(transport);
    return transport.sendMessage({ clientId, from: own.number, to: [recipient], text, attachmentIds: [] });
  }

  function listen(transport: Transport): {
    events: TransportEvent[];
    stop: () => void;
    until: (what: string, found: (events: TransportEvent[]) => boolean) => Promise<void>;
  } {
    const events: TransportEvent[] = [];
    let synchronous = true;
    const stop = transport.subscribe((e) => {
      assert(!synchronous, 'listeners must not be called during subscribe()');
      events.push(e);
    });
    synchronous = false;
    const until = async (what: string, found: (events: TransportEvent[]) => boolean) => {
      const end = Date.now() + timeout;
      while (!found(events)) {
        if (Date.now() > end)
          throw new Error(`Transport conformance: timed out after ${timeout} ms waiting for ${what}`);
        await sleep(20);
      }
    };
    return { events, stop, until };
  }

  const created = (id: string) => (events: TransportEvent[]) =>
    events.some((e) => e.type === 'message.created' && e.message.id === id);

  async function pageAll(transport: Transport, limit: number): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const result = await transport.listConversations({ cursor, limit });
      assert(Array.isArray(result.conversations), 'listConversations must return a conversations array');
      assert(result.conversations.length <= limit, `a page must not exceed the limit of ${limit}`);
      all.push(...result.conversations);
      if (result.nextCursor === null) return all;
      assert(typeof result.nextCursor === 'string', 'nextCursor must be a string or null');
      assert(result.conversations.length > 0, 'a page with a next cursor must not be empty');
      cursor = result.nextCursor;
    }
    throw new Error('Transport conformance: conversation paging never ended');
  }

  describe(options.name ?? 'transport conformance', () => {
    test('returns the account with E.164 numbers of known kinds', async ({ transport }) => {
      const account = await transport.getAccount();
      assert(typeof account.id === 'string' && account.id, 'account.id must be a non-empty string');
      assert(typeof account.name === 'string', 'account.name must be a string');
      assert(
        /^[A-Z]{2}$/.test(account.country),
        `account.country must be ISO 3166 alpha-2, got ${account.country}`,
      );
      assert(Array.isArray(account.numbers), 'account.numbers must be an array');
      for (const n of account.numbers) {
        assert(E164.test(n.number), `own number ${n.number} must be E.164`);
        assert(['local', 'toll-free', 'short-code'].includes(n.kind), `unknown number kind ${n.kind}`);
        for (const c of ['sms', 'mms', 'group'] as const) {
          assert(
            typeof n.capabilities?.[c] === 'boolean',
            `capabilities.${c} of ${n.number} must be a boolean`,
          );
        }
      }
    });

    test('pages conversations newest first, without duplicates, to a null cursor', async ({ transport }) => {
      await send(transport, 'conformance: paging');
      const all = await pageAll(transport, 7);
      const seen = new Set<string>();
      let previous = Infinity;
      for (const c of all) {
        assert(!seen.has(c.id), `conversation ${c.id} listed twice`);
        seen.add(c.id);
        assert(c.updatedAt <= previous, 'conversations must be in order of newest activity first');
        previous = c.updatedAt;
        assert(Array.isArray(c.participants) && c.participants.length > 0, 'participants must not be empty');
        assert(
          c.participants.every((p) => E164.test(p)),
          `participants of ${c.id} must be E.164`,
        );
        assert(
          Number.isInteger(c.unreadCount) && c.unreadCount >= 0,
          'unreadCount must be a whole number ≥ 0',
        );
      }
      assert(all.length > 0, 'there is at least one conversation after a send');
    });

    test('sends: creates the conversation, which is found, fetched and listed first', async ({
      transport,
    }) => {
      const own = await ownNumber(transport);
      const clientId = randomId();
      const message = await transport.sendMessage({
        clientId,
        from: own.number,
        to: [recipient],
        text: 'conformance: hello',
        attachmentIds: [],
      });
      assert(typeof message.id === 'string' && message.id, 'the message has a server id');
      assert(message.clientId === clientId, 'the message must echo its client id');
      assert(message.direction === 'outbound', 'a sent message is outbound');
      assert(message.from === own.number, 'the message is from the own number');
      assert(message.to.length === 1 && message.to[0] === recipient, 'the message is to the recipient');
      assert(message.text === 'conformance: hello', 'the message keeps its text');
      assert(message.status in NEXT, `unknown status ${message.status}`);
      const found = await transport.findConversation({ participants: [recipient], from: own.number });
      assert(found?.id === message.conversationId, 'findConversation returns the conversation of the send');
      assert(found.ownNumber === own.number, 'the conversation texts from the own number');
      const fetched = await transport.getConversation({ conversationId: message.conversationId });
      assert(fetched.id === message.conversationId, 'getConversation returns the conversation');
      assert(fetched.lastMessage?.id === message.id, 'lastMessage is the message just sent');
      const first = await transport.listConversations({ limit: 1 });
      assert(
        first.conversations[0]?.id === message.conversationId,
        'the conversation moves to the top of the list',
      );
      const none = await transport.findConversation({
        participants: [recipient, secondRecipient],
        from: own.number,
      });
      assert(
        none === null || (none.participants.length === 2 && none.id !== message.conversationId),
        'findConversation matches exactly these participants',
      );
    });

    test('sends idempotently by client id', async ({ transport }) => {
      const clientId = randomId();
      const first = await send(transport, 'conformance: once', clientId);
      const second = await send(transport, 'conformance: once', clientId);
      assert(first.id === second.id, 'the same client id must return the same message');
      const page = await transport.listMessages({ conversationId: first.conversationId, limit: 50 });
      const copies = page.messages.filter((m) => m.clientId === clientId);
      assert(copies.length === 1, `one message per client id, found ${copies.length}`);
    });

    test('pages messages oldest first in both directions', async ({ transport }) => {
      const sent: Message[] = [];
      for (let i = 0; i < 5; i++) sent.push(await send(transport, `conformance: page ${i}`));
      const conversationId = sent[0]!.conversationId;
      const newest = await transport.listMessages({ conversationId, limit: 3 });
      assert(newest.messages.length === 3, 'the newest page has the requested size');
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
      assert(typeof newest.newerCursor === 'string', 'newerCursor is always set');
      assert(newest.olderCursor !== null, 'there are older messages');
      const older = await transport.listMessages({ conversationId, before: newest.olderCursor, limit: 2 });
      assert(
        older.messages.map((m) => m.id).join() ===
          sent
            .slice(0, 2)
            .map((m) => m.id)
            .join(),
        'the older page holds the two messages just before, oldest first',
      );
      assert(older.hasNewer === true, 'an older page knows that newer messages exist');
      const newer = await transport.listMessages({ conversationId, after: older.newerCursor, limit: 10 });
      assert(newer.messages[0]?.id === ids[0], 'the newer page continues where the older one ended');
      const later = await send(transport, 'conformance: after');
      const catchUp = await transport.listMessages({ conversationId, after: newest.newerCursor });
      assert(
        catchUp.messages.length === 1 && catchUp.messages[0]!.id === later.id,
        'newerCursor catches up with exactly the messages that came later',
      );
      let start = older;
      for (let guard = 0; start.olderCursor !== null && guard < 10_000; guard++) {
        start = await transport.listMessages({ conversationId, before: start.olderCursor, limit: 50 });
      }
      assert(start.olderCursor === null, 'olderCursor is null on the page that starts the conversation');
    });

    test('pushes message.created and forward-only message.status events', async ({ transport }) => {
      const feed = listen(transport);
      try {
        const message = await send(transport, 'conformance: events');
        await feed.until('message.created of a sent message', created(message.id));
        const event = feed.events.find((e) => e.type === 'message.created' && e.message.id === message.id);
        assert(
          event?.type === 'message.created' && event.conversation.id === message.conversationId,
          'message.created carries the conversation of the message',
        );
        await feed.until('a final status (delivered or failed)', (events) =>
          events.some(
            (e) =>
              e.type === 'message.status' &&
              e.messageId === message.id &&
              (e.status === 'delivered' || e.status === 'failed'),
          ),
        );
        let status: MessageStatus = message.status;
        for (const e of feed.events) {
          if (e.type !== 'message.status' || e.messageId !== message.id) continue;
          assert(e.conversationId === message.conversationId, 'message.status names the conversation');
          assert(
            e.status === status || NEXT[status].includes(e.status),
            `status must only move forward, went from ${status} to ${e.status}`,
          );
          status = e.status;
        }
        const ids = feed.events.flatMap((e) =>
          'eventId' in e && e.eventId !== undefined ? [e.eventId] : [],
        );
        assert(new Set(ids).size === ids.length, 'event ids must not repeat');
      } finally {
        feed.stop();
      }
    });

    test('pushes to every subscriber, and not after unsubscribing', async ({ transport }) => {
      const a = listen(transport);
      const b = listen(transport);
      try {
        const first = await send(transport, 'conformance: two listeners');
        await a.until('message.created at the first subscriber', created(first.id));
        await b.until('message.created at the second subscriber', created(first.id));
        b.stop();
        const count = b.events.length;
        const second = await send(transport, 'conformance: one listener');
        await a.until('message.created after the other subscriber left', created(second.id));
        await sleep(100);
        assert(
          !b.events.slice(count).some((e) => e.type === 'message.created'),
          'no message events after unsubscribe',
        );
      } finally {
        a.stop();
        b.stop();
      }
    });

    test('delivers inbound messages to subscribers (with hooks.receive)', async ({ transport, hooks }) => {
      if (!hooks?.receive) return;
      const feed = listen(transport);
      try {
        const text = `conformance: inbound ${randomId()}`;
        await hooks.receive(recipient, text);
        await feed.until('an inbound message.created', (events) =>
          events.some((e) => e.type === 'message.created' && e.message.text === text),
        );
        const event = feed.events.find((e) => e.type === 'message.created' && e.message.text === text);
        assert(event?.type === 'message.created', 'the inbound event');
        assert(event.message.direction === 'inbound', 'an inbound message has direction inbound');
        assert(event.message.from === recipient, 'an inbound message is from the sender');
        assert(event.conversation.unreadCount >= 1, 'an inbound message leaves the conversation unread');
        const top = await transport.listConversations({ limit: 1 });
        assert(top.conversations[0]?.id === event.conversation.id, 'the conversation moves to the top');
      } finally {
        feed.stop();
      }
    });

    test('uploads with progress, and the attachment can be sent', async ({ transport }) => {
      const own = await ownNumber(transport, 'mms');
      const progress: [number, number][] = [];
      const attachment = await transport.uploadAttachment({
        file: new Blob([pngBytes()], { type: 'application/octet-stream' }),
        name: 'dot.png',
        from: own.number,
        onProgress: (loaded, total) => progress.push([loaded, total]),
      });
      assert(progress.length > 0, 'onProgress must be called');
      for (let i = 0; i < progress.length; i++) {
        const [loaded, total] = progress[i]!;
        assert(loaded <= total, 'progress must not exceed the total');
        assert(i === 0 || loaded >= progress[i - 1]![0], 'progress must not go back');
      }
      assert(attachment.type === 'image/png', `the type is decided by content, got ${attachment.type}`);
      assert(attachment.name === 'dot.png', 'the attachment keeps its name');
      assert(attachment.size === pngBytes().length, 'the attachment has the size of the file');
      const message = await transport.sendMessage({
        clientId: randomId(),
        from: own.number,
        to: [recipient],
        text: '',
        attachmentIds: [attachment.id],
      });
      assert(
        message.attachments.length === 1 && message.attachments[0]!.id === attachment.id,
        'the message carries the attachment',
      );
    });

    test('rejects aborted requests with kind aborted', async ({ transport }) => {
      const before = new AbortController();
      before.abort();
      await rejectsWith(
        transport.listConversations({ signal: before.signal }),
        ['aborted'],
        'an aborted request',
      );
      const own = await ownNumber(transport, 'mms');
      const during = new AbortController();
      const upload = transport.uploadAttachment({
        file: new Blob([pngBytes()]),
        name: 'dot.png',
        from: own.number,
        signal: during.signal,
      });
      during.abort();
      await rejectsWith(upload, ['aborted'], 'an upload aborted while in flight');
    });

    test('deletes messages and conversations', async ({ transport }) => {
      const feed = listen(transport);
      try {
        const a = await send(transport, 'conformance: delete a');
        const b = await send(transport, 'conformance: delete b');
        await transport.deleteMessage({ conversationId: a.conversationId, messageId: a.id });
        const page = await transport.listMessages({ conversationId: a.conversationId, limit: 100 });
        assert(!page.messages.some((m) => m.id === a.id), 'a deleted message is gone');
        assert(
          page.messages.some((m) => m.id === b.id),
          'other messages stay',
        );
        await feed.until('message.deleted', (events) =>
          events.some((e) => e.type === 'message.deleted' && e.messageId === a.id),
        );
        await rejectsWith(
          transport.deleteMessage({ conversationId: a.conversationId, messageId: a.id }),
          ['not-found'],
          'deleting a deleted message',
        );
        await transport.deleteConversation({ conversationId: a.conversationId });
        await rejectsWith(
          transport.getConversation({ conversationId: a.conversationId }),
          ['not-found'],
          'a deleted conversation',
        );
        await feed.until('conversation.deleted', (events) =>
          events.some((e) => e.type === 'conversation.deleted' && e.conversationId === a.conversationId),
        );
        const all = await pageAll(transport, 50);
        assert(!all.some((c) => c.id === a.conversationId), 'a deleted conversation is not listed');
      } finally {
        feed.stop();
      }
    });

    test('marks read and unread', async ({ transport }) => {
      const m = await send(transport, 'conformance: read');
      const read = await transport.markRead({ conversationId: m.conversationId });
      assert(read.unreadCount === 0, 'markRead clears the count');
      const unread = await transport.markUnread({ conversationId: m.conversationId });
      assert(unread.unreadCount >= 1, 'markUnread leaves at least one unread');
      const fetched = await transport.getConversation({ conversationId: m.conversationId });
      assert(fetched.unreadCount === unread.unreadCount, 'the unread count is stored');
      const again = await transport.markRead({ conversationId: m.conversationId });
      assert(again.unreadCount === 0, 'markRead clears the count again');
      await rejectsWith(
        transport.markRead({ conversationId: 'no-such-conversation' }),
        ['not-found'],
        'markRead of an unknown conversation',
      );
    });

    test('searches contacts by part of a name (any case) or digits of a number', async ({ transport }) => {
      const firstFive = await transport.searchContacts({ query: '', limit: 5 });
      assert(
        Array.isArray(firstFive) && firstFive.length <= 5,
        'an empty query lists contacts within the limit',
      );
      const contact = firstFive.find((c) => c.name.length >= 3 && c.numbers.length > 0);
      if (!contact) return;
      for (const n of contact.numbers)
        assert(E164.test(n.number), `contact number ${n.number} must be E.164`);
      const part = contact.name.slice(1, 4).toUpperCase();
      const byName = await transport.searchContacts({ query: part, limit: 100 });
      assert(
        byName.some((c) => c.id === contact.id),
        `searching "${part}" finds ${contact.name}, ignoring case`,
      );
      const digits = contact.numbers[0]!.number.slice(-6);
      const byNumber = await transport.searchContacts({ query: digits, limit: 100 });
      assert(
        byNumber.some((c) => c.id === contact.id),
        `searching "${digits}" finds the contact by number`,
      );
    });

    test('refuses bad input with the right error kinds', async ({ transport }) => {
      await rejectsWith(
        transport.getConversation({ conversationId: 'no-such-conversation' }),
        ['not-found'],
        'an unknown conversation',
      );
      await rejectsWith(
        transport.listMessages({ conversationId: 'no-such-conversation' }),
        ['not-found'],
        'messages of an unknown conversation',
      );
      await rejectsWith(
        transport.deleteConversation({ conversationId: 'no-such-conversation' }),
        ['not-found'],
        'deleting an unknown conversation',
      );
      const own = await ownNumber(transport);
      const base = { from: own.number, to: [recipient], text: 'x', attachmentIds: [] as string[] };
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), to: ['not a number'] }),
        ['invalid'],
        'a send to something that is not a phone number',
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), from: '+19995550100' }),
        ['invalid', 'auth'],
        'a send from a number that is not the account’s',
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), text: '   ' }),
        ['invalid'],
        'an empty message without attachments',
      );
      await rejectsWith(
        transport.sendMessage({ ...base, clientId: randomId(), attachmentIds: ['no-such-attachment'] }),
        ['invalid', 'not-found'],
        'a send with an attachment that was never uploaded',
      );
    });

    test('limits toll-free numbers to SMS to one person', async ({ transport }) => {
      const account = await transport.getAccount();
      const tollFree = account.numbers.find((n) => n.kind === 'toll-free');
      if (!tollFree) return;
      await rejectsWith(
        transport.sendMessage({
          clientId: randomId(),
          from: tollFree.number,
          to: [recipient, secondRecipient],
          text: 'x',
          attachmentIds: [],
        }),
        ['invalid'],
        'a group send from a toll-free number',
      );
      await rejectsWith(
        transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'dot.png', from: tollFree.number }),
        ['invalid'],
        'an upload for a toll-free number',
      );
      const local = account.numbers.find((n) => n.kind !== 'toll-free' && n.capabilities.mms);
      if (local) {
        const attachment = await transport.uploadAttachment({
          file: new Blob([pngBytes()]),
          name: 'dot.png',
          from: local.number,
        });
        await rejectsWith(
          transport.sendMessage({
            clientId: randomId(),
            from: tollFree.number,
            to: [recipient],
            text: 'x',
            attachmentIds: [attachment.id],
          }),
          ['invalid'],
          'a send with an attachment from a toll-free number',
        );
      }
      const sms = await transport.sendMessage({
        clientId: randomId(),
        from: tollFree.number,
        to: [recipient],
        text: 'conformance: toll-free SMS',
        attachmentIds: [],
      });
      assert(sms.from === tollFree.number, 'a toll-free number can send SMS to one person');
    });

    test('answers with copies that callers may change', async ({ transport }) => {
      const m = await send(transport, 'conformance: copy');
      const page = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
      const mine = page.messages.find((x) => x.id === m.id);
      assert(mine, 'the message is listed');
      (mine as { text: string }).text = 'changed by the caller';
      (m as { text: string }).text = 'changed by the caller';
      const c = await transport.getConversation({ conversationId: m.conversationId });
      (c.participants as string[]).push('+12025550145');
      const again = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
      assert(
        again.messages.find((x) => x.id === m.id)?.text === 'conformance: copy',
        'changing a returned message changes nothing',
      );
      const c2 = await transport.getConversation({ conversationId: m.conversationId });
      assert(!c2.participants.includes('+12025550145'), 'changing a returned conversation changes nothing');
    });
  });
}
