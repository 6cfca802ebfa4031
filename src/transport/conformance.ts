import type { Message, MessageStatus } from '../model/message.js';
import { isTransportError } from './errors.js';
import type { TransportErrorKind } from './errors.js';
import type { Transport, TransportEvent } from './transport.js';

/** What the conformance suite tests: a transport, and optional hooks into its backend. */
export interface ConformanceSubject {
  readonly transport: Transport;
  readonly hooks?: {
    /** Makes the backend receive an inbound text from `from` on the account's first number. */
    receive?(from: string, text: string): Promise<void>;
    /** Called after each test. */
    dispose?(): Promise<void> | void;
  };
}

/** Options of {@link runTransportConformance}. */
export interface ConformanceOptions {
  /** Name of the `describe` block (default "transport conformance"). */
  readonly name?: string;
  /** How long to wait for pushed events (default 5 000 ms). */
  readonly eventTimeoutMs?: number;
  /** A valid recipient the backend accepts (default +12025550143). */
  readonly recipient?: string;
}

type Describe = (name: string, body: () => void) => void;
type It = (name: string, body: () => Promise<void>) => void;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Transport conformance: ${message}`);
}

async function rejectsWith(
  promise: Promise<unknown>,
  kinds: TransportErrorKind[],
  what: string,
): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert(isTransportError(error), `${what} must reject with a TransportError, got ${String(error)}`);
    assert(
      kinds.includes(error.kind),
      `${what} must reject with kind ${kinds.join(' or ')}, got ${error.kind}`,
    );
    return;
  }
  throw new Error(`Transport conformance: ${what} must reject`);
}

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: 4 };

/**
 * Registers a suite of tests (with the global `describe`/`it` of mocha, web-test-runner, vitest
 * or jest) that checks a transport against the contract in `docs/transport.md`. `makeSubject`
 * is called for each test and should give a transport signed in to an account with at least
 * one texting number that is not toll-free.
 *
 * @example
 * ```ts
 * import { runTransportConformance } from 'sms-elements/conformance';
 * runTransportConformance(() => ({ transport: createMyTransport(testConfig) }));
 * ```
 */
export function runTransportConformance(
  makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>,
  options: ConformanceOptions = {},
): void {
  const g = globalThis as unknown as { describe?: Describe; it?: It };
  const describe = g.describe;
  const it = g.it;
  if (!describe || !it)
    throw new Error('runTransportConformance needs the global describe() and it() of a test runner.');
  const timeout = options.eventTimeoutMs ?? 5000;
  const recipient = options.recipient ?? '+12025550143';

  async function withSubject(body: (subject: ConformanceSubject) => Promise<void>): Promise<void> {
    const subject = await makeSubject();
    try {
      await body(subject);
    } finally {
      await subject.hooks?.dispose?.();
    }
  }

  async function sendFrom(transport: Transport, text: string, clientId = randomId()): Promise<Message> {
    const account = await transport.getAccount();
    const own = account.numbers.find((n) => n.kind !== 'toll-free');
    assert(own, 'the account needs a texting number that is not toll-free');
    return transport.sendMessage({ clientId, from: own.number, to: [recipient], text, attachmentIds: [] });
  }

  function collect(transport: Transport): {
    events: TransportEvent[];
    stop: () => void;
    until: (f: (e: TransportEvent[]) => boolean, what: string) => Promise<void>;
  } {
    const events: TransportEvent[] = [];
    const stop = transport.subscribe((e) => events.push(e));
    const until = async (f: (e: TransportEvent[]) => boolean, what: string) => {
      const end = Date.now() + timeout;
      while (!f(events)) {
        if (Date.now() > end) throw new Error(`Transport conformance: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { events, stop, until };
  }

  describe(options.name ?? 'transport conformance', () => {
    it('returns the account with E.164 numbers of known kinds', () =>
      withSubject(async ({ transport }) => {
        const account = await transport.getAccount();
        assert(typeof account.id === 'string' && account.id, 'account.id');
        assert(Array.isArray(account.numbers), 'account.numbers must be an array');
        for (const n of account.numbers) {
          assert(/^\+[1-9]\d{6,14}$/.test(n.number), `${n.number} must be E.164`);
          assert(['local', 'toll-free', 'short-code'].includes(n.kind), `unknown kind ${n.kind}`);
          assert(typeof n.capabilities?.sms === 'boolean', 'capabilities.sms');
        }
      }));

    it('pages conversations newest first, without duplicates, to the end', () =>
      withSubject(async ({ transport }) => {
        await sendFrom(transport, 'conformance: paging');
        const seen = new Set<string>();
        let cursor: string | undefined;
        let previous = Infinity;
        for (let page = 0; page < 1000; page++) {
          const result = await transport.listConversations({ cursor, limit: 7 });
          assert(result.conversations.length <= 7, 'a page must not exceed the limit');
          for (const c of result.conversations) {
            assert(!seen.has(c.id), `conversation ${c.id} listed twice`);
            seen.add(c.id);
            assert(c.updatedAt <= previous, 'conversations must be newest activity first');
            previous = c.updatedAt;
            assert(typeof c.unreadCount === 'number' && c.unreadCount >= 0, 'unreadCount');
          }
          if (result.nextCursor === null) break;
          cursor = result.nextCursor;
        }
        assert(seen.size > 0, 'there is at least one conversation after a send');
      }));

    it('pages messages oldest first in both directions', () =>
      withSubject(async ({ transport }) => {
        const sent: Message[] = [];
        for (let i = 0; i < 5; i++) sent.push(await sendFrom(transport, `conformance: page ${i}`));
        const conversationId = sent[0]!.conversationId;
        const newest = await transport.listMessages({ conversationId, limit: 3 });
        assert(newest.messages.length === 3, 'the newest page has the requested size');
        const ids = newest.messages.map((m) => m.id);
        assert(ids.at(-1) === sent.at(-1)!.id, 'the newest page ends with the newest message');
        for (let i = 1; i < newest.messages.length; i++) {
          assert(
            newest.messages[i - 1]!.createdAt <= newest.messages[i]!.createdAt,
            'messages must be oldest first',
          );
        }
        assert(newest.olderCursor !== null, 'there are older messages');
        const older = await transport.listMessages({ conversationId, before: newest.olderCursor!, limit: 2 });
        assert(older.messages.length === 2, 'the older page has the requested size');
        assert(
          older.messages.every((m) => !ids.includes(m.id)),
          'pages must not overlap',
        );
        const newer = await transport.listMessages({ conversationId, after: older.newerCursor, limit: 10 });
        assert(newer.messages[0]?.id === ids[0], 'the newer page continues where the older one ended');
        const later = await sendFrom(transport, 'conformance: after');
        const catchUp = await transport.listMessages({ conversationId, after: newest.newerCursor });
        assert(
          catchUp.messages.some((m) => m.id === later.id),
          'newerCursor catches up with later messages',
        );
      }));

    it('sends idempotently by client id', () =>
      withSubject(async ({ transport }) => {
        const clientId = randomId();
        const first = await sendFrom(transport, 'conformance: once', clientId);
        const second = await sendFrom(transport, 'conformance: once', clientId);
        assert(first.id === second.id, 'the same client id must return the same message');
        assert(first.clientId === clientId, 'the message must echo its client id');
        const page = await transport.listMessages({ conversationId: first.conversationId, limit: 50 });
        assert(
          page.messages.filter((m) => m.clientId === clientId).length === 1,
          'one message per client id',
        );
      }));

    it('pushes message.created and forward-only message.status events', () =>
      withSubject(async ({ transport }) => {
        const feed = collect(transport);
        try {
          const message = await sendFrom(transport, 'conformance: events');
          await feed.until(
            (events) => events.some((e) => e.type === 'message.created' && e.message.id === message.id),
            'message.created of a sent message',
          );
          const created = feed.events.find(
            (e) => e.type === 'message.created' && e.message.id === message.id,
          );
          assert(
            created?.type === 'message.created' && created.conversation.id === message.conversationId,
            'the event carries the conversation',
          );
          await feed.until(
            (events) =>
              events.some(
                (e) =>
                  e.type === 'message.status' &&
                  e.messageId === message.id &&
                  (e.status === 'delivered' || e.status === 'failed'),
              ),
            'a final status',
          );
          let rank = -1;
          for (const e of feed.events) {
            if (e.type !== 'message.status' || e.messageId !== message.id) continue;
            assert(RANK[e.status] > rank, `status went from rank ${rank} back to ${e.status}`);
            rank = RANK[e.status];
          }
        } finally {
          feed.stop();
        }
      }));

    it('delivers inbound messages to subscribers, and stops after unsubscribe', () =>
      withSubject(async ({ transport, hooks }) => {
        if (!hooks?.receive) return;
        const feed = collect(transport);
        await hooks.receive(recipient, 'conformance: inbound');
        await feed.until(
          (events) =>
            events.some(
              (e) =>
                e.type === 'message.created' &&
                e.message.direction === 'inbound' &&
                e.message.text === 'conformance: inbound',
            ),
          'an inbound message.created',
        );
        feed.stop();
        const count = feed.events.length;
        await hooks.receive(recipient, 'conformance: after unsubscribe');
        await new Promise((r) => setTimeout(r, 200));
        assert(feed.events.length === count, 'no events after unsubscribe');
      }));

    it('uploads with progress, and the attachment can be sent', () =>
      withSubject(async ({ transport }) => {
        const account = await transport.getAccount();
        const own = account.numbers.find((n) => n.kind !== 'toll-free' && n.capabilities.mms);
        if (!own) return;
        const png = pngBytes();
        const progress: number[] = [];
        const attachment = await transport.uploadAttachment({
          file: new Blob([png], { type: 'image/png' }),
          name: 'dot.png',
          from: own.number,
          onProgress: (loaded, total) => {
            assert(loaded <= total, 'progress must not exceed the total');
            progress.push(loaded);
          },
        });
        assert(progress.length > 0, 'onProgress must be called');
        assert(
          progress.every((p, i) => i === 0 || p >= progress[i - 1]!),
          'progress must not go back',
        );
        assert(attachment.type === 'image/png', `type decided by content, got ${attachment.type}`);
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
      }));

    it('rejects an aborted request with kind aborted', () =>
      withSubject(async ({ transport }) => {
        const controller = new AbortController();
        controller.abort();
        await rejectsWith(
          transport.listConversations({ signal: controller.signal }),
          ['aborted'],
          'an aborted request',
        );
      }));

    it('deletes messages and conversations', () =>
      withSubject(async ({ transport }) => {
        const a = await sendFrom(transport, 'conformance: delete a');
        const b = await sendFrom(transport, 'conformance: delete b');
        await transport.deleteMessage({ conversationId: a.conversationId, messageId: a.id });
        const page = await transport.listMessages({ conversationId: a.conversationId, limit: 100 });
        assert(!page.messages.some((m) => m.id === a.id), 'a deleted message is gone');
        assert(
          page.messages.some((m) => m.id === b.id),
          'other messages stay',
        );
        await transport.deleteConversation({ conversationId: a.conversationId });
        await rejectsWith(
          transport.getConversation({ conversationId: a.conversationId }),
          ['not-found'],
          'a deleted conversation',
        );
      }));

    it('marks read and unread', () =>
      withSubject(async ({ transport }) => {
        const m = await sendFrom(transport, 'conformance: read');
        const unread = await transport.markUnread({ conversationId: m.conversationId });
        assert(unread.unreadCount >= 1, 'markUnread leaves at least one unread');
        const read = await transport.markRead({ conversationId: m.conversationId });
        assert(read.unreadCount === 0, 'markRead clears the count');
      }));

    it('finds a conversation by participants', () =>
      withSubject(async ({ transport }) => {
        const m = await sendFrom(transport, 'conformance: find');
        const found = await transport.findConversation({ participants: [recipient], from: m.from });
        assert(found?.id === m.conversationId, 'findConversation returns the conversation');
        const none = await transport.findConversation({
          participants: ['+12025550111', '+12025550112', '+12025550113'],
          from: m.from,
        });
        assert(
          none === null || none.participants.length === 3,
          'findConversation matches exact participants',
        );
      }));

    it('searches contacts', () =>
      withSubject(async ({ transport }) => {
        const all = await transport.searchContacts({ query: '', limit: 5 });
        assert(Array.isArray(all) && all.length <= 5, 'an empty query lists contacts within the limit');
        const first = all[0];
        if (!first) return;
        const part = first.name.slice(0, 3).toUpperCase();
        const found = await transport.searchContacts({ query: part });
        assert(
          found.some((c) => c.id === first.id),
          'search ignores case',
        );
      }));

    it('refuses bad input with the right error kinds', () =>
      withSubject(async ({ transport }) => {
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
        const account = await transport.getAccount();
        const own = account.numbers[0];
        assert(own, 'the account needs a number');
        await rejectsWith(
          transport.sendMessage({
            clientId: randomId(),
            from: own.number,
            to: ['not a number'],
            text: 'x',
            attachmentIds: [],
          }),
          ['invalid'],
          'a send to an invalid number',
        );
        await rejectsWith(
          transport.sendMessage({
            clientId: randomId(),
            from: '+19995550100',
            to: [recipient],
            text: 'x',
            attachmentIds: [],
          }),
          ['invalid', 'auth'],
          'a send from a number that is not the account’s',
        );
        const tollFree = account.numbers.find((n) => n.kind === 'toll-free');
        if (tollFree) {
          await rejectsWith(
            transport.sendMessage({
              clientId: randomId(),
              from: tollFree.number,
              to: [recipient, '+12025550144'],
              text: 'x',
              attachmentIds: [],
            }),
            ['invalid'],
            'a group send from a toll-free number',
          );
        }
      }));
  });
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;
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
