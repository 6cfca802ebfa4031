// A reference adapter with switchable contract violations, for mutation testing of the
// conformance suite: it wraps the memory backend's transport, and each mutant breaks one promise
// of docs/transport.md the way a real adapter could. `npm run test:conformance-mutants` runs the
// suite once per mutant (scripts/conformance-mutants.mjs) and fails if any mutant survives.
import type { Account, OwnNumber } from '../../src/model/account.js';
import type { Attachment } from '../../src/model/attachment.js';
import type { Contact } from '../../src/model/contact.js';
import type { Conversation } from '../../src/model/conversation.js';
import type { Message } from '../../src/model/message.js';
import type { SavedReply } from '../../src/model/saved-reply.js';
import { resolvePolicy } from '../../src/rules/attachment-policy.js';
import type { ConformanceSubject } from '../../src/transport/conformance.js';
import { TransportError, isTransportError } from '../../src/transport/errors.js';
import { createMemoryTransport } from '../../src/transport/memory/index.js';
import { messageNumbers, parseSearchQuery, searchWords } from '../../src/transport/search-match.js';
import type { MemoryTransport } from '../../src/transport/memory/index.js';
import type * as T from '../../src/transport/transport.js';
import type { Transport, TransportEvent } from '../../src/transport/transport.js';

/** Every contract violation the mutant adapter can switch on, and the promise it breaks. */
export const MUTANTS = {
  'account-shared-object': 'getAccount hands out one shared, mutable object',
  'account-numbers-national': 'own numbers in national format, not E.164',
  'account-policy-strings': 'policy limits as strings ("2 MB")',
  'list-limit-ignored': 'listConversations ignores `limit`',
  'list-oldest-first': 'conversations page oldest activity first',
  'list-cursor-on-last-page': '`nextCursor` not null on the last page (an empty page follows)',
  'list-offset-cursor': 'an offset cursor: a conversation moving to the top repeats one on the next page',
  'list-position-cursor':
    'the cursor is the last id, looked up in the current order: moving it to the top repeats rows',
  'list-inclusive-cursor': 'each page starts again with the last conversation of the previous one',
  'list-bad-cursor-accepted': 'a cursor the backend never gave is read as the first page',
  'timestamps-in-seconds': 'updatedAt and createdAt in seconds, not milliseconds',
  'participants-include-own': 'participants include the own number',
  'names-keyed-national': '`names` keyed by national numbers, not E.164',
  'last-message-preview': '`lastMessage` is a preview `{ text, createdAt }`, not a Message',
  'find-ignores-from': 'findConversation ignores `from`',
  'find-any-participant': 'findConversation matches a conversation sharing any one participant',
  'find-order-sensitive': 'findConversation matches participants only in the stored order',
  'get-unknown-resolves-null': 'getConversation of an unknown id resolves with null',
  'send-not-idempotent': 'a second send with the same clientId creates another message',
  'send-no-client-id': 'the sent message does not echo its clientId',
  'send-empty-accepted': 'an empty message without attachments is sent',
  'messages-newest-first': 'message pages newest first',
  'messages-limit-ignored': 'listMessages ignores `limit`',
  'messages-offset-cursor': 'olderCursor counts from the newest message: a new message shifts the older page',
  'messages-older-cursor-at-start': '`olderCursor` not null on the page that starts the conversation',
  'messages-has-newer-false': '`hasNewer` always false',
  'messages-empty-page-no-cursor': 'an empty page has no `newerCursor`',
  'created-stale-conversation': 'message.created carries the conversation as it was before the message',
  'created-unread-stale': 'message.created of an inbound text carries the old unread count',
  'status-backwards-after-final': 'a status goes back (`delivered`, then `sent`)',
  'status-wrong-conversation': 'message.status names the wrong conversation',
  'status-at-seconds': 'message.status `at` in seconds',
  'events-one-session': 'events reach only the first session of the account',
  'events-last-subscriber-only': 'a transport pushes only to its latest subscriber',
  'unsubscribe-ignored': 'the function subscribe returns does not stop the events',
  'events-synchronous': 'a listener is called during subscribe()',
  'event-id-repeats': 'every event has the same eventId',
  'event-id-number': 'eventId is a number, not a string',
  'events-shared-object': 'all listeners get the same event object',
  'no-own-echo': 'no message.created for sent messages',
  'no-reconnect': 'after the push connection drops, no event comes any more',
  'connection-stays-offline': 'after a drop, `connection` says offline and never online again',
  'inbound-to-sender': 'an inbound message’s `to` is the sender, not the own number',
  'inbound-status-sent': 'an inbound message has status `sent`',
  'upload-no-size-limit': 'uploadAttachment accepts a file over the number’s size limit',
  'upload-type-by-name': 'the attachment type comes from the file name',
  'upload-type-from-blob': 'the attachment type comes from the Blob’s type',
  'upload-html-as-png': 'HTML named .png is accepted as image/png',
  'upload-no-progress': 'onProgress is never called',
  'attachment-url-unsafe': 'the attachment url is a `javascript:` URL',
  'upload-progress-backwards': 'progress goes back (all bytes, then none)',
  'upload-abort-ignored-in-flight': 'uploadAttachment stops watching `signal` once the request is sent',
  'upload-toll-free-allowed': 'uploads for a toll-free number are accepted',
  'abort-ignored-get-account': 'getAccount ignores an aborted signal',
  'aborted-as-network': 'an aborted request rejects with kind network',
  'rate-limit-as-network': '429 reported as kind network',
  'rate-limit-no-retry-after': 'rate-limited errors without retryAfterMs',
  'foreign-number-auth': 'a send from a number that is not the account’s rejects as auth',
  'unknown-attachment-not-found': 'an unknown attachment id rejects as not-found',
  'plain-errors': 'not-found failures reject with a plain Error',
  'invalid-as-network': 'refusals (invalid) reject as network, so the client retries them forever',
  'delete-message-no-event': 'no message.deleted event',
  'delete-keeps-last-message': 'a deleted message stays the conversation’s lastMessage',
  'deleted-conversation-listed': 'a deleted conversation is still listed',
  'mark-unread-no-op': 'markUnread leaves the unread count at 0',
  'read-state-not-pushed': 'no conversation.updated when the read state changes',
  'search-always-empty': 'searchContacts always answers []',
  'search-ignores-accents': 'contact search handles case but not accents',
  'search-case-sensitive': 'contact search is case-sensitive',
  'search-digits-raw': 'contact search compares the query’s raw text with numbers (no digits extracted)',
  'search-limit-ignored': 'searchContacts ignores `limit`',
  'search-ignores-query': 'searchContacts answers the first contacts whatever the query',
  'contacts-shared-object': 'searchContacts hands out shared, mutable contacts',
  'messages-shared-object': 'listMessages hands out shared, mutable messages',
  'conversation-shared-object': 'getConversation hands out shared, mutable conversations',
  'toll-free-group-allowed': 'a group text from a toll-free number is sent',
  'toll-free-mms-allowed': 'an attachment from a toll-free number is sent',
  'opt-out-ignored': 'a text to a number that replied STOP is accepted',
  'opt-out-not-listed': '`optedOut` is never set',
  'around-ignored': 'listMessages ignores `around` and answers the newest page',
  'around-starts-at-message': 'the page around a message starts with it (nothing older on the page)',
  'around-has-newer-false': 'the page around a message says `hasNewer: false`',
  'around-older-cursor-skips': 'the olderCursor of the page around a message skips a message',
  'around-newer-cursor-repeats': 'the newerCursor of the page around a message repeats its newest message',
  'around-unknown-newest': 'around an unknown message id answers the newest page, not not-found',
  'search-messages-case-sensitive': 'searchMessages folds accents but not case',
  'search-messages-ignores-accents': 'searchMessages folds case but not accents',
  'search-messages-whole-words': 'searchMessages matches whole words only, not their start',
  'search-messages-substring': 'searchMessages matches anywhere in a word, not only its start',
  'search-messages-any-word': 'searchMessages finds messages with any word of the query, not all',
  'search-messages-digits-raw': 'searchMessages compares a number query’s raw text (no digits extracted)',
  'search-messages-oldest-first': 'search results oldest first',
  'search-messages-limit-ignored': 'searchMessages ignores `limit`',
  'search-messages-cursor-repeats': 'each search page starts again with the last result of the previous one',
  'search-messages-cursor-on-last-page':
    'search `nextCursor` not null on the last page (an empty page follows)',
  'search-messages-finds-deleted': 'searchMessages still finds deleted messages',
  'search-messages-abort-ignored': 'searchMessages ignores its signal',
  'search-messages-other-accounts': 'searchMessages finds the messages of every account of the backend',
  'saved-reply-not-trimmed': 'saveSavedReply stores the title and text untrimmed',
  'saved-reply-not-personal': 'a reply created with saveSavedReply is not personal',
  'saved-reply-update-creates': 'saveSavedReply with an id creates another reply',
  'saved-reply-unknown-id-creates': 'saveSavedReply with an unknown id creates a reply instead of not-found',
  'saved-reply-blank-accepted': 'a blank title is saved as "Untitled"',
  'saved-reply-too-long-cut': 'a text over 1600 characters is cut and saved',
  'saved-reply-shared-editable': 'a change to a shared reply resolves as if it were personal',
  'saved-reply-delete-ignored': 'deleteSavedReply resolves and keeps the reply',
  'saved-reply-delete-unknown-ok': 'deleting an unknown reply resolves',
  'saved-replies-shared-object': 'listSavedReplies hands out shared, mutable replies',
  'saved-replies-other-accounts': 'listSavedReplies lists the replies of every account of the backend',
  'saved-reply-other-account-deletes': 'another account can delete this account’s reply',
  'scheduled-sent-at-once': 'a scheduled message is sent at once, not at its `sendAt`',
  'scheduled-never-sent': 'a scheduled message is kept but never sent (nor refuses the past)',
  'scheduled-sent-without-client-id': 'the message sent at `sendAt` does not carry the scheduled `clientId`',
  'scheduled-not-idempotent': 'scheduling twice with the same `clientId` makes two scheduled messages',
  'scheduled-past-accepted': 'a `sendAt` in the past is accepted (moved an hour ahead)',
  'scheduled-empty-accepted': 'an empty text is scheduled',
  'scheduled-no-events': 'no `scheduled.updated` event',
  'scheduled-removed-no-event': 'no `scheduled.removed` event',
  'scheduled-list-latest-first': 'listScheduled answers the latest first',
  'scheduled-list-keeps-sent': 'listScheduled still lists messages already sent',
  'scheduled-update-ignored': 'updateScheduled answers the change but keeps the old text and time',
  'scheduled-cancel-ignored': 'cancelScheduled resolves but the message stays scheduled (and is sent)',
  'scheduled-reply-ignored': '`cancelIfReplied` is answered but ignored: a reply cancels nothing',
  'scheduled-other-accounts': 'listScheduled lists the scheduled messages of every account of the backend',
  'scheduled-partial-capability': 'scheduleMessage without cancelScheduled and sendScheduledNow',
  'scheduled-attachments-dropped': 'a scheduled photo goes out without its attachment (text only)',
  'scheduled-attachments-not-shown': 'a scheduled message is answered and listed without its attachments',
  'scheduled-unknown-attachment-accepted':
    'an attachment id never uploaded is dropped and the message scheduled without it',
} as const;

export type MutantName = keyof typeof MUTANTS;

/**
 * Accounts that lack part of the fixture the suite needs: the suite must fail the tests that
 * need it with "cannot run this test: …" naming what is missing, never pass them.
 */
export const FIXTURE_GAPS = {
  'no-toll-free-number': 'toll-free',
  'one-local-number': 'two texting numbers',
  'no-mms-number': 'MMS',
  'no-contacts': 'contacts',
} as const;

export type FixtureGap = keyof typeof FIXTURE_GAPS;

/** State shared by the sessions of one backend (one test). */
interface World {
  readonly sessions: MutantTransport[];
  sharedAccount?: Account;
  readonly seenConversations: Map<string, Conversation>;
  readonly sharedMessages: Map<string, Message>;
  readonly sharedConversations: Map<string, Conversation>;
  sharedContacts?: Contact[];
  readonly deleted: Conversation[];
  /** Conversation id → the lastMessage it had before that message was deleted. */
  readonly staleLast: Map<string, Message>;
  /** Messages deleted through a session (for `search-messages-finds-deleted`). */
  readonly deletedMessages: Message[];
  /** The main account's inner transport (for `search-messages-other-accounts`). */
  main?: MemoryTransport;
  sharedReplies?: SavedReply[];
  /** Client ids of scheduled messages (for `scheduled-sent-without-client-id`). */
  readonly scheduledClientIds: Set<string>;
  /** What each scheduled message was answered as (for `scheduled-update-ignored`). */
  readonly scheduledShown: Map<string, T.ScheduledMessage>;
  /** Scheduled messages already sent (for `scheduled-list-keeps-sent`). */
  readonly scheduledSent: T.ScheduledMessage[];
}

const US_E164 = /^\+1(\d{3})(\d{3})(\d{4})$/;
const national = (n: string) => n.replace(US_E164, '($1) $2-$3');
const toSeconds = (ms: number) => Math.floor(ms / 1000);
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The memory backend's transport with one contract violation switched on (or none). */
export class MutantTransport implements Transport {
  readonly #inner: MemoryTransport;
  readonly #mutant: MutantName | FixtureGap | null;
  readonly #world: World;
  readonly #listeners = new Set<(event: TransportEvent) => void>();
  #innerStop: (() => void) | undefined;
  #dead = false;

  constructor(inner: MemoryTransport, mutant: MutantName | FixtureGap | null, world: World) {
    this.#inner = inner;
    this.#mutant = mutant;
    this.#world = world;
    world.sessions.push(this);
    world.main ??= inner;
  }

  async getAccount(options: T.RequestOptions = {}): Promise<Account> {
    const signal = this.#is('abort-ignored-get-account') ? undefined : options.signal;
    const account = await this.#guard(this.#inner.getAccount({ signal }));
    if (this.#is('account-shared-object')) return (this.#world.sharedAccount ??= account);
    if (this.#is('no-toll-free-number'))
      return { ...account, numbers: account.numbers.filter((n) => n.kind !== 'toll-free') };
    if (this.#is('one-local-number')) {
      const first = account.numbers.find((n) => n.kind !== 'toll-free');
      return { ...account, numbers: account.numbers.filter((n) => n === first || n.kind === 'toll-free') };
    }
    if (this.#is('no-mms-number'))
      return {
        ...account,
        numbers: account.numbers.map((n) => ({ ...n, capabilities: { ...n.capabilities, mms: false } })),
      };
    if (this.#is('account-numbers-national'))
      return { ...account, numbers: account.numbers.map((n) => ({ ...n, number: national(n.number) })) };
    if (this.#is('account-policy-strings'))
      return {
        ...account,
        numbers: account.numbers.map((n) => ({
          ...n,
          policy: { ...n.policy, maxFileBytes: '2 MB' as unknown as number },
        })),
      };
    return account;
  }

  async listConversations(request: T.ListConversationsRequest = {}): Promise<T.ConversationPage> {
    const limit = request.limit ?? 30;
    const custom = ['list-offset-cursor', 'list-position-cursor', 'list-inclusive-cursor'] as const;
    if (custom.some((m) => this.#is(m))) {
      const all = await this.#allConversations(request.signal);
      let start = 0;
      if (request.cursor !== undefined) {
        const [kind, value] = request.cursor.split(':') as [string, string];
        if (kind === 'o') start = Number(value);
        else if (kind === 'id') start = all.findIndex((c) => c.id === value) + 1;
        else if (kind === 'incl') start = all.findIndex((c) => c.id === value);
        else throw new TransportError('invalid', 'The cursor is not valid.', { code: 'bad-cursor' });
      }
      const page = all.slice(start, start + limit);
      const last = page.at(-1);
      let nextCursor: string | null = null;
      if (start + limit < all.length && last) {
        nextCursor = this.#is('list-position-cursor')
          ? `id:${last.id}`
          : this.#is('list-inclusive-cursor')
            ? `incl:${last.id}`
            : `o:${start + page.length}`;
      }
      return { conversations: page.map((c) => this.#conversation(c)), nextCursor };
    }
    if (this.#is('list-cursor-on-last-page') && request.cursor === 'end')
      return { conversations: [], nextCursor: null };
    let cursor = request.cursor;
    if (this.#is('list-bad-cursor-accepted') && cursor !== undefined && !/^[A-Za-z0-9+/]+$/.test(cursor))
      cursor = undefined;
    const page = await this.#guard(
      this.#inner.listConversations({
        ...request,
        cursor,
        limit: this.#is('list-limit-ignored') ? undefined : request.limit,
      }),
    );
    let conversations = page.conversations.map((c) => this.#conversation(c));
    if (this.#is('list-oldest-first')) conversations = conversations.reverse();
    if (this.#is('deleted-conversation-listed') && request.cursor === undefined)
      conversations = [...this.#world.deleted, ...conversations];
    if (this.#is('list-cursor-on-last-page') && page.nextCursor === null && conversations.length)
      return { conversations, nextCursor: 'end' };
    return { ...page, conversations };
  }

  async getConversation(request: T.ConversationRequest): Promise<Conversation> {
    if (this.#is('get-unknown-resolves-null')) {
      try {
        return this.#conversation(await this.#inner.getConversation(request));
      } catch {
        return null as unknown as Conversation;
      }
    }
    const c = this.#conversation(await this.#guard(this.#inner.getConversation(request)));
    if (this.#is('conversation-shared-object')) {
      const shared = this.#world.sharedConversations.get(c.id);
      if (shared) return shared;
      this.#world.sharedConversations.set(c.id, c);
    }
    return c;
  }

  async findConversation(request: T.FindConversationRequest): Promise<Conversation | null> {
    const { from, participants } = request;
    if (this.#is('find-ignores-from'))
      return this.#maybe(await this.#guard(this.#inner.findConversation({ ...request, from: undefined })));
    if (this.#is('find-any-participant') || this.#is('find-order-sensitive')) {
      const all = await this.#allConversations(request.signal);
      const match = all.find(
        (c) =>
          (!from || c.ownNumber === from) &&
          (this.#is('find-any-participant')
            ? c.participants.some((p) => participants.includes(p))
            : c.participants.join() === participants.join()),
      );
      return match ? this.#conversation(match) : null;
    }
    return this.#maybe(await this.#guard(this.#inner.findConversation(request)));
  }

  async listMessages(request: T.ListMessagesRequest): Promise<T.MessagePage> {
    if (request.around !== undefined) return this.#messagePage(await this.#around(request));
    if (this.#is('messages-older-cursor-at-start') && request.before === 'start')
      return { messages: [], olderCursor: null, newerCursor: 'start', hasNewer: true };
    if (this.#is('messages-offset-cursor') && request.before?.startsWith('o:')) {
      // The older page is found by counting back from the newest message, now.
      const offset = Number(request.before.slice(2));
      const upTo = await this.#guard(
        this.#inner.listMessages({ conversationId: request.conversationId, limit: offset }),
      );
      if (upTo.olderCursor === null) return { ...upTo, messages: [], olderCursor: null };
      const page = await this.#guard(this.#inner.listMessages({ ...request, before: upTo.olderCursor }));
      return this.#messagePage({
        ...page,
        olderCursor: page.olderCursor === null ? null : `o:${offset + page.messages.length}`,
      });
    }
    const page = await this.#guard(
      this.#inner.listMessages({
        ...request,
        limit: this.#is('messages-limit-ignored') ? 200 : request.limit,
      }),
    );
    let result: T.MessagePage = page;
    if (this.#is('messages-offset-cursor') && request.before === undefined && request.after === undefined)
      result = { ...page, olderCursor: page.olderCursor === null ? null : `o:${page.messages.length}` };
    if (this.#is('messages-older-cursor-at-start') && page.olderCursor === null && page.messages.length)
      result = { ...page, olderCursor: 'start' };
    if (this.#is('messages-has-newer-false')) result = { ...result, hasNewer: false };
    if (this.#is('messages-empty-page-no-cursor') && !page.messages.length)
      result = { ...result, newerCursor: null as unknown as string };
    if (this.#is('messages-newest-first')) result = { ...result, messages: [...result.messages].reverse() };
    return this.#messagePage(result);
  }

  async sendMessage(request: T.SendMessageRequest): Promise<Message> {
    let req = request;
    if (this.#is('send-not-idempotent')) req = { ...req, clientId: `${req.clientId}-${Math.random()}` };
    if (this.#is('send-empty-accepted') && !req.text.trim() && !req.attachmentIds.length)
      req = { ...req, text: '.' };
    const tollFree = await this.#tollFree(req.from);
    if (
      tollFree &&
      ((this.#is('toll-free-group-allowed') && req.to.length > 1) ||
        (this.#is('toll-free-mms-allowed') && req.attachmentIds.length > 0))
    ) {
      const local = await this.#localNumber();
      const m = await this.#guard(this.#inner.sendMessage({ ...req, from: local }));
      return { ...this.#message(m), from: req.from };
    }
    let message: Message;
    try {
      message = await this.#guard(this.#inner.sendMessage(req));
    } catch (error) {
      if (this.#is('opt-out-ignored') && isTransportError(error) && error.code === 'recipient-opted-out') {
        return {
          id: `fake-${req.clientId}`,
          clientId: req.clientId,
          conversationId: 'unknown',
          direction: 'outbound',
          from: req.from,
          to: [...req.to],
          text: req.text,
          attachments: [],
          status: 'queued',
          createdAt: Date.now(),
        };
      }
      throw error;
    }
    message = this.#message(message);
    if (this.#is('send-no-client-id')) {
      const { clientId: _dropped, ...rest } = message;
      return rest;
    }
    if (this.#is('send-not-idempotent')) return { ...message, clientId: request.clientId };
    return message;
  }

  async uploadAttachment(request: T.UploadRequest): Promise<Attachment> {
    let req = request;
    const own = (await this.#inner.getAccount()).numbers.find((n) => n.number === request.from);
    if (this.#is('upload-no-size-limit') && own && request.file.size > resolvePolicy(own).maxFileBytes) {
      req = { ...req, file: request.file.slice(0, 1024) };
    }
    if (this.#is('upload-html-as-png')) {
      const head = await request.file.slice(0, 64).text();
      if (/<!doctype html|<html/i.test(head)) {
        return { id: 'att-html', name: request.name, type: 'image/png', size: request.file.size, url: '' };
      }
    }
    if (this.#is('upload-toll-free-allowed') && (await this.#tollFree(request.from)))
      req = { ...req, from: await this.#localNumber() };
    if (this.#is('upload-no-progress')) req = { ...req, onProgress: undefined };
    if (this.#is('upload-progress-backwards')) {
      request.onProgress?.(request.file.size, request.file.size);
    }
    if (this.#is('upload-abort-ignored-in-flight')) {
      if (request.signal?.aborted) throw new TransportError('aborted', 'The request was cancelled.');
      req = { ...req, signal: undefined };
    }
    const attachment = await this.#guard(this.#inner.uploadAttachment(req));
    if (this.#is('upload-no-size-limit')) return { ...attachment, size: request.file.size };
    if (this.#is('upload-type-by-name')) {
      const ext = request.name.split('.').pop()?.toLowerCase();
      const byName: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
      return { ...attachment, type: byName[ext ?? ''] ?? 'application/octet-stream' };
    }
    if (this.#is('attachment-url-unsafe')) return { ...attachment, url: 'javascript:alert(1)' };
    if (this.#is('upload-type-from-blob'))
      return { ...attachment, type: request.file.type || 'application/octet-stream' };
    return attachment;
  }

  async deleteMessage(request: T.DeleteMessageRequest): Promise<void> {
    if (this.#is('search-messages-finds-deleted')) {
      const page = await this.#inner
        .listMessages({ conversationId: request.conversationId, around: request.messageId, limit: 1 })
        .catch(() => undefined);
      if (page?.messages[0]) this.#world.deletedMessages.push(page.messages[0]);
    }
    const before = this.#is('delete-keeps-last-message')
      ? await this.#inner.getConversation({ conversationId: request.conversationId }).catch(() => undefined)
      : undefined;
    await this.#guard(this.#inner.deleteMessage(request));
    if (before?.lastMessage?.id === request.messageId)
      this.#world.staleLast.set(request.conversationId, before.lastMessage);
  }

  async deleteConversation(request: T.ConversationRequest): Promise<void> {
    let before: Conversation | undefined;
    if (this.#is('deleted-conversation-listed'))
      before = await this.#inner
        .getConversation({ conversationId: request.conversationId })
        .catch(() => undefined);
    await this.#guard(this.#inner.deleteConversation(request));
    if (before) this.#world.deleted.push(before);
  }

  async markRead(request: T.ConversationRequest): Promise<Conversation> {
    return this.#conversation(await this.#guard(this.#inner.markRead(request)));
  }

  async markUnread(request: T.ConversationRequest): Promise<Conversation> {
    if (this.#is('mark-unread-no-op'))
      return this.#conversation(await this.#guard(this.#inner.getConversation(request)));
    return this.#conversation(await this.#guard(this.#inner.markUnread(request)));
  }

  async searchContacts(request: T.SearchContactsRequest): Promise<readonly Contact[]> {
    if (this.#is('search-always-empty') || this.#is('no-contacts')) {
      await this.#guard(this.#inner.searchContacts(request));
      return [];
    }
    const custom = ['search-ignores-accents', 'search-case-sensitive', 'search-digits-raw'] as const;
    if (custom.some((m) => this.#is(m))) {
      const all = await this.#guard(
        this.#inner.searchContacts({ query: '', limit: 100, signal: request.signal }),
      );
      const q = request.query.trim();
      const name = (n: string) =>
        this.#is('search-ignores-accents')
          ? n.toLowerCase().includes(q.toLowerCase())
          : this.#is('search-case-sensitive')
            ? fold(n).includes(q.normalize('NFD').replace(/\p{M}/gu, ''))
            : fold(n).includes(fold(q));
      const digits = this.#is('search-digits-raw') ? q : q.replace(/\D/g, '');
      const matches = all.filter(
        (c) => !q || name(c.name) || (digits.length >= 3 && c.numbers.some((n) => n.number.includes(digits))),
      );
      return matches.slice(0, request.limit ?? 20);
    }
    const contacts = await this.#guard(
      this.#inner.searchContacts({
        ...request,
        query: this.#is('search-ignores-query') ? '' : request.query,
        limit: this.#is('search-limit-ignored') ? 100 : request.limit,
      }),
    );
    if (this.#is('contacts-shared-object')) {
      this.#world.sharedContacts ??= [...contacts];
      return this.#world.sharedContacts.slice(0, request.limit ?? 20);
    }
    return contacts;
  }

  async searchMessages(request: T.SearchMessagesRequest): Promise<T.MessageSearchPage> {
    const inner = this.#is('search-messages-other-accounts')
      ? (this.#world.main ?? this.#inner)
      : this.#inner;
    const custom = [
      'search-messages-case-sensitive',
      'search-messages-ignores-accents',
      'search-messages-whole-words',
      'search-messages-substring',
      'search-messages-any-word',
      'search-messages-digits-raw',
      'search-messages-cursor-repeats',
      'search-messages-cursor-on-last-page',
      'search-messages-finds-deleted',
    ] as const;
    if (custom.some((m) => this.#is(m))) return this.#customSearch(request);
    const page = await this.#guard(
      inner.searchMessages({
        ...request,
        limit: this.#is('search-messages-limit-ignored') ? 100 : request.limit,
        signal: this.#is('search-messages-abort-ignored') ? undefined : request.signal,
      }),
    );
    let results = page.results.map((r) => ({ ...r, message: this.#message(r.message) }));
    if (this.#is('search-messages-oldest-first')) results = results.reverse();
    return { ...page, results };
  }

  async listSavedReplies(options: T.RequestOptions = {}): Promise<readonly SavedReply[]> {
    const inner = this.#is('saved-replies-other-accounts') ? (this.#world.main ?? this.#inner) : this.#inner;
    const own = await this.#guard(inner.listSavedReplies(options));
    if (this.#is('saved-replies-shared-object')) {
      const shared = (this.#world.sharedReplies ??= []);
      for (const r of own) if (!shared.some((x) => x.id === r.id)) shared.push(r);
      return shared.filter((x) => own.some((r) => r.id === x.id));
    }
    return own;
  }

  async saveSavedReply(request: T.SaveSavedReplyRequest): Promise<SavedReply> {
    let r = request;
    if (this.#is('saved-reply-blank-accepted') && !r.title.trim()) r = { ...r, title: 'Untitled' };
    if (this.#is('saved-reply-too-long-cut')) r = { ...r, text: r.text.slice(0, 1600) };
    if (
      r.id !== undefined &&
      (this.#is('saved-reply-update-creates') || this.#is('saved-reply-unknown-id-creates'))
    ) {
      const known = (await this.#inner.listSavedReplies()).some((x) => x.id === r.id);
      if (this.#is('saved-reply-update-creates') || !known) r = { ...r, id: undefined };
    }
    if (r.id !== undefined && this.#is('saved-reply-shared-editable')) {
      const target = (await this.#inner.listSavedReplies()).find((x) => x.id === r.id);
      if (target && !target.personal) return { ...target, title: r.title, text: r.text, personal: true };
    }
    const saved = await this.#guard(this.#inner.saveSavedReply(r));
    if (this.#is('saved-reply-not-trimmed')) return { ...saved, title: request.title, text: request.text };
    if (this.#is('saved-reply-not-personal')) return { ...saved, personal: false };
    return saved;
  }

  async deleteSavedReply(request: T.SavedReplyRequest): Promise<void> {
    if (this.#is('saved-reply-delete-ignored')) {
      await this.#guard(this.#inner.listSavedReplies());
      return;
    }
    if (this.#is('saved-reply-delete-unknown-ok')) {
      if (!(await this.#inner.listSavedReplies()).some((x) => x.id === request.id)) return;
    }
    if (
      this.#is('saved-reply-other-account-deletes') &&
      this.#world.main &&
      this.#world.main !== this.#inner
    ) {
      const theirs = await this.#world.main.listSavedReplies();
      if (theirs.some((x) => x.id === request.id))
        return this.#guard(this.#world.main.deleteSavedReply(request));
    }
    return this.#guard(this.#inner.deleteSavedReply(request));
  }

  // ── send later ─────────────────────────────────────────────────────

  async scheduleMessage(request: T.ScheduleMessageRequest): Promise<T.ScheduledMessage> {
    const inner = this.#inner;
    let { sendAt, text, clientId, cancelIfReplied } = request;
    if (this.#is('scheduled-sent-at-once')) sendAt = Date.now() + 5;
    if (this.#is('scheduled-never-sent')) sendAt = Date.now() + 365 * 86_400_000;
    if (this.#is('scheduled-past-accepted') && sendAt <= Date.now()) sendAt = Date.now() + 3_600_000;
    if (this.#is('scheduled-empty-accepted') && !text.trim()) text = 'x';
    if (this.#is('scheduled-not-idempotent')) clientId = `${clientId}-${Math.random()}`;
    if (this.#is('scheduled-reply-ignored')) cancelIfReplied = false;
    this.#world.scheduledClientIds.add(clientId);
    const changed = { ...request, sendAt, text, clientId, cancelIfReplied };
    const made = await this.#guard(
      inner.scheduleMessage(changed).catch((error: unknown) => {
        const unknown = isTransportError(error) && error.code === 'unknown-attachment';
        if (!unknown || !this.#is('scheduled-unknown-attachment-accepted')) throw error;
        return inner.scheduleMessage({ ...changed, attachmentIds: [], text: text || 'x' });
      }),
    );
    const shown = {
      ...made,
      ...(this.#is('scheduled-attachments-not-shown') ? { attachments: [] } : {}),
      sendAt: request.sendAt,
      text: request.text,
      clientId: request.clientId,
      cancelIfReplied: request.cancelIfReplied === true,
    };
    this.#world.scheduledShown.set(made.id, shown);
    return shown;
  }

  async listScheduled(request: T.ListScheduledRequest = {}): Promise<readonly T.ScheduledMessage[]> {
    let list = [...(await this.#guard(this.#inner.listScheduled(request)))].map(
      (m) => this.#world.scheduledShown.get(m.id) ?? m,
    );
    if (this.#is('scheduled-other-accounts') && this.#world.main && this.#world.main !== this.#inner)
      list = [...list, ...(await this.#world.main.listScheduled(request))];
    if (this.#is('scheduled-list-keeps-sent'))
      list = [
        ...list,
        ...this.#world.scheduledSent.filter(
          (m) => !request.conversationId || m.conversationId === request.conversationId,
        ),
      ];
    if (this.#is('scheduled-list-latest-first')) list = list.reverse();
    return list;
  }

  async updateScheduled(request: T.UpdateScheduledRequest): Promise<T.ScheduledMessage> {
    if (this.#is('scheduled-update-ignored')) {
      const current = (await this.#inner.listScheduled()).find((m) => m.id === request.scheduledId);
      if (!current) throw new TransportError('not-found', 'No such scheduled message.');
      const { scheduledId: _id, signal: _signal, ...changes } = request;
      return { ...current, ...changes };
    }
    const updated = await this.#guard(this.#inner.updateScheduled(request));
    this.#world.scheduledShown.set(updated.id, updated);
    return updated;
  }

  async cancelScheduled(request: T.ScheduledRequest): Promise<void> {
    if (this.#is('scheduled-cancel-ignored')) {
      const known = (await this.#inner.listScheduled()).some((m) => m.id === request.scheduledId);
      if (!known) throw new TransportError('not-found', 'No such scheduled message.');
      return;
    }
    return this.#guard(this.#inner.cancelScheduled(request));
  }

  async sendScheduledNow(request: T.ScheduledRequest): Promise<Message> {
    const sent = this.#message(await this.#guard(this.#inner.sendScheduledNow(request)));
    return this.#is('scheduled-attachments-dropped') ? { ...sent, attachments: [] } : sent;
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    if (this.#is('events-synchronous')) listener({ type: 'connection', state: 'online' });
    if (this.#is('events-last-subscriber-only')) this.#listeners.clear();
    const wrapper = (event: TransportEvent) => listener(event);
    this.#listeners.add(wrapper);
    if (!this.#innerStop) this.#innerStop = this.#inner.subscribe((event) => this.#deliver(event));
    return () => {
      if (this.#is('unsubscribe-ignored')) return;
      this.#listeners.delete(wrapper);
      if (this.#listeners.size === 0) {
        this.#innerStop?.();
        this.#innerStop = undefined;
      }
    };
  }

  // ── the violations ─────────────────────────────────────────────────

  #is(name: MutantName | FixtureGap): boolean {
    return this.#mutant === name;
  }

  #deliver(original: TransportEvent): void {
    if (this.#is('events-one-session') && this.#world.sessions[0] !== this) return;
    if (this.#dead) return;
    if (original.type === 'connection' && original.state === 'offline' && this.#is('no-reconnect'))
      this.#dead = true;
    if (original.type === 'connection' && original.state === 'online' && this.#is('connection-stays-offline'))
      return;
    const events = this.#mutateEvent(original);
    for (const listener of [...this.#listeners]) {
      for (const event of events) listener(this.#is('events-shared-object') ? event : structuredClone(event));
    }
  }

  #mutateEvent(e: TransportEvent): TransportEvent[] {
    let event = e;
    if (event.type === 'scheduled.updated' && this.#is('scheduled-no-events')) return [];
    if (event.type === 'scheduled.removed') {
      if (this.#is('scheduled-removed-no-event')) return [];
      if (event.reason === 'sent') {
        const shown = this.#world.scheduledShown.get(event.scheduledId);
        if (shown && !this.#world.scheduledSent.includes(shown)) this.#world.scheduledSent.push(shown);
      }
    }
    if (
      event.type === 'message.created' &&
      this.#is('scheduled-sent-without-client-id') &&
      event.message.clientId !== undefined &&
      this.#world.scheduledClientIds.has(event.message.clientId)
    ) {
      const { clientId: _dropped, ...message } = event.message;
      event = { ...event, message };
    }
    if (
      event.type === 'message.created' &&
      this.#is('scheduled-attachments-dropped') &&
      event.message.clientId !== undefined &&
      this.#world.scheduledClientIds.has(event.message.clientId)
    ) {
      event = { ...event, message: { ...event.message, attachments: [] } };
    }
    if (event.type === 'message.created') {
      const out = event.message.direction === 'outbound';
      if (this.#is('no-own-echo') && out) return [];
      let { message, conversation } = event;
      if (this.#is('created-stale-conversation')) {
        const seen = this.#world.seenConversations.get(conversation.id);
        if (seen) conversation = seen;
      }
      if (this.#is('created-unread-stale') && !out)
        conversation = { ...conversation, unreadCount: Math.max(0, conversation.unreadCount - 1) };
      if (this.#is('inbound-to-sender') && !out) message = { ...message, to: [message.from] };
      if (this.#is('inbound-status-sent') && !out) message = { ...message, status: 'sent' };
      event = { ...event, message: this.#message(message), conversation: this.#conversation(conversation) };
    }
    if (event.type === 'conversation.updated') {
      if (this.#is('read-state-not-pushed')) return [];
      event = { ...event, conversation: this.#conversation(event.conversation) };
    }
    if (event.type === 'message.deleted' && this.#is('delete-message-no-event')) return [];
    if (event.type === 'message.status') {
      if (this.#is('status-wrong-conversation')) event = { ...event, conversationId: event.messageId };
      if (this.#is('status-at-seconds')) event = { ...event, at: toSeconds(event.at) };
    }
    if ('eventId' in event && event.eventId !== undefined) {
      if (this.#is('event-id-repeats')) event = { ...event, eventId: '1' };
      if (this.#is('event-id-number'))
        event = { ...event, eventId: Number(event.eventId) as unknown as string };
    }
    if (
      this.#is('status-backwards-after-final') &&
      event.type === 'message.status' &&
      event.status === 'delivered'
    )
      return [event, { ...event, status: 'sent', eventId: `${event.eventId ?? ''}b` }];
    return [event];
  }

  #message(m: Message): Message {
    let message = m;
    if (this.#is('timestamps-in-seconds'))
      message = {
        ...message,
        createdAt: toSeconds(message.createdAt),
        ...(message.updatedAt ? { updatedAt: toSeconds(message.updatedAt) } : {}),
      };
    return message;
  }

  #conversation(c: Conversation): Conversation {
    if (!c) return c;
    if (!this.#is('created-stale-conversation') || !this.#world.seenConversations.has(c.id))
      this.#world.seenConversations.set(c.id, structuredClone(c));
    const last = this.#world.staleLast.get(c.id) ?? c.lastMessage;
    let conversation: Conversation = { ...c, ...(last ? { lastMessage: this.#message(last) } : {}) };
    if (this.#is('timestamps-in-seconds'))
      conversation = { ...conversation, updatedAt: toSeconds(c.updatedAt) };
    if (this.#is('participants-include-own'))
      conversation = { ...conversation, participants: [...c.participants, c.ownNumber] };
    if (this.#is('names-keyed-national') && c.names)
      conversation = {
        ...conversation,
        names: Object.fromEntries(Object.entries(c.names).map(([k, v]) => [national(k), v])),
      };
    if (this.#is('last-message-preview') && c.lastMessage)
      conversation = {
        ...conversation,
        lastMessage: { text: c.lastMessage.text, createdAt: c.lastMessage.createdAt } as unknown as Message,
      };
    if (this.#is('opt-out-not-listed')) {
      const { optedOut: _hidden, ...rest } = conversation;
      conversation = rest;
    }
    return conversation;
  }

  #maybe(c: Conversation | null): Conversation | null {
    return c ? this.#conversation(c) : null;
  }

  #messagePage(page: T.MessagePage): T.MessagePage {
    let messages = page.messages.map((m) => this.#message(m));
    if (this.#is('messages-shared-object')) {
      messages = messages.map((m) => {
        const shared = this.#world.sharedMessages.get(m.id);
        if (shared) return shared;
        this.#world.sharedMessages.set(m.id, m);
        return m;
      });
    }
    return { ...page, messages };
  }

  /** Applies the error mutants to what the inner transport rejects with. */
  async #guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (thrown) {
      if (!isTransportError(thrown)) throw thrown;
      const e = thrown;
      const as = (kind: TransportError['kind'], init: { retryAfterMs?: number } = {}) =>
        new TransportError(kind, e.message, { code: e.code, ...init });
      if (e.kind === 'aborted' && this.#is('aborted-as-network')) throw as('network');
      if (e.kind === 'rate-limited' && this.#is('rate-limit-as-network')) throw as('network');
      if (e.kind === 'rate-limited' && this.#is('rate-limit-no-retry-after')) throw as('rate-limited');
      if (e.code === 'unknown-number' && this.#is('foreign-number-auth')) throw as('auth');
      if (e.code === 'unknown-attachment' && this.#is('unknown-attachment-not-found')) throw as('not-found');
      if (e.kind === 'not-found' && this.#is('plain-errors')) throw new Error(e.message);
      if (e.kind === 'invalid' && this.#is('invalid-as-network')) throw as('network');
      throw e;
    }
  }

  /** The page around a message, with the `around-*` violations. */
  async #around(request: T.ListMessagesRequest): Promise<T.MessagePage> {
    const inner = this.#inner;
    const { conversationId } = request;
    if (this.#is('around-ignored')) return this.#guard(inner.listMessages({ ...request, around: undefined }));
    if (this.#is('around-unknown-newest')) {
      try {
        return await inner.listMessages(request);
      } catch {
        return this.#guard(inner.listMessages({ ...request, around: undefined }));
      }
    }
    if (this.#is('around-starts-at-message')) {
      const one = await this.#guard(inner.listMessages({ ...request, limit: 1 }));
      const rest = await this.#guard(
        inner.listMessages({ conversationId, after: one.newerCursor, limit: (request.limit ?? 50) - 1 }),
      );
      return { ...rest, messages: [...one.messages, ...rest.messages], olderCursor: one.olderCursor };
    }
    const page = await this.#guard(inner.listMessages(request));
    if (this.#is('around-has-newer-false')) return { ...page, hasNewer: false };
    if (this.#is('around-older-cursor-skips') && page.olderCursor !== null) {
      const skipped = await inner.listMessages({ conversationId, before: page.olderCursor, limit: 1 });
      return { ...page, olderCursor: skipped.olderCursor };
    }
    const second = page.messages.at(-2);
    if (this.#is('around-newer-cursor-repeats') && second) {
      const at = await inner.listMessages({ conversationId, around: second.id, limit: 1 });
      return { ...page, newerCursor: at.newerCursor };
    }
    return page;
  }

  /** A search over every message, by a matcher with the `search-messages-*` violations. */
  async #customSearch(request: T.SearchMessagesRequest): Promise<T.MessageSearchPage> {
    await this.#guard(this.#inner.getAccount({ signal: request.signal }));
    const messages: Message[] = [...this.#world.deletedMessages];
    for (const c of await this.#allConversations(request.signal)) {
      let before: string | null | undefined;
      do {
        const page = await this.#inner.listMessages({
          conversationId: c.id,
          limit: 200,
          ...(before ? { before } : {}),
        });
        messages.push(...page.messages);
        before = page.olderCursor;
      } while (before);
    }
    const raw = request.query.trim();
    const parsed = parseSearchQuery(raw);
    const fold = (t: string) =>
      this.#is('search-messages-case-sensitive')
        ? t.normalize('NFD').replace(/\p{M}/gu, '')
        : this.#is('search-messages-ignores-accents')
          ? t.toLowerCase()
          : t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const words = (t: string) =>
      fold(t)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
    const matches = (m: Message): boolean => {
      if (parsed.kind === 'empty') return false;
      if (parsed.kind === 'number') {
        const needle = this.#is('search-messages-digits-raw') ? raw : parsed.digits;
        return messageNumbers(m).some((d) => d.includes(needle)) || m.text.includes(needle);
      }
      const have = words(m.text);
      const want =
        this.#is('search-messages-case-sensitive') || this.#is('search-messages-ignores-accents')
          ? words(raw)
          : searchWords(raw);
      const hit = (q: string) =>
        have.some((w) =>
          this.#is('search-messages-whole-words')
            ? w === q
            : this.#is('search-messages-substring')
              ? w.includes(q)
              : w.startsWith(q),
        );
      return this.#is('search-messages-any-word') ? want.some(hit) : want.every(hit);
    };
    const found = [...new Map(messages.filter(matches).map((m) => [m.id, m])).values()].sort(
      (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1),
    );
    const limit = request.limit ?? 20;
    let start = 0;
    if (request.cursor !== undefined) {
      if (!/^s:\d+$/.test(request.cursor))
        throw new TransportError('invalid', 'The cursor is not valid.', { code: 'bad-cursor' });
      start = Number(request.cursor.slice(2));
    }
    const results = found.slice(start, start + limit);
    const end = start + results.length;
    let nextCursor: string | null = end < found.length ? `s:${end}` : null;
    if (this.#is('search-messages-cursor-repeats') && nextCursor) nextCursor = `s:${end - 1}`;
    if (this.#is('search-messages-cursor-on-last-page') && !nextCursor && results.length)
      nextCursor = `s:${end}`;
    return {
      results: results.map((m) => ({ conversationId: m.conversationId, message: this.#message(m) })),
      nextCursor,
    };
  }

  async #allConversations(signal?: AbortSignal): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#guard(this.#inner.listConversations({ cursor, limit: 100, signal }));
      all.push(...page.conversations);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  async #tollFree(number: string): Promise<boolean> {
    const account = await this.#inner.getAccount();
    return account.numbers.some((n) => n.number === number && n.kind === 'toll-free');
  }

  async #localNumber(): Promise<string> {
    const account = await this.#inner.getAccount();
    return account.numbers.find((n: OwnNumber) => n.kind !== 'toll-free' && n.capabilities.mms)!.number;
  }
}

/**
 * A conformance subject over a fresh memory backend, through the mutant adapter with `mutant`
 * (a contract violation or a fixture gap) switched on (`null`: the faithful adapter), with every
 * hook the suite uses.
 */
export function mutantSubject(mutant: MutantName | FixtureGap | null): ConformanceSubject {
  const inner = createMemoryTransport({
    latencyMs: 0,
    conversations: 12,
    contacts: 20,
    deliveryMs: [5, 10],
    uploadBytesPerSecond: 50_000_000,
  });
  const { backend, accountId } = inner;
  const world: World = {
    sessions: [],
    seenConversations: new Map(),
    sharedMessages: new Map(),
    sharedConversations: new Map(),
    deleted: [],
    staleLast: new Map(),
    deletedMessages: [],
    scheduledClientIds: new Set(),
    scheduledShown: new Map(),
    scheduledSent: [],
  };
  const transport = new MutantTransport(inner, mutant, world);
  if (mutant === 'scheduled-partial-capability') {
    const partial = transport as unknown as Record<string, unknown>;
    partial['cancelScheduled'] = undefined;
    partial['sendScheduledNow'] = undefined;
  }
  return {
    transport,
    hooks: {
      receive: async (from, text, to) => {
        await backend.receive({ accountId, from, text, to });
      },
      rateLimitNext: () => backend.rateLimitNext(1),
      dropPushConnection: () => {
        // The memory backend's push goes down and comes back, like a dropped connection.
        backend.setOffline(true);
        backend.setOffline(false);
      },
      connectSecondSession: () => new MutantTransport(backend.connect(accountId), mutant, world),
      connectOtherAccount: () =>
        new MutantTransport(
          backend.connect(backend.accounts.find((a) => a.id !== accountId)!.id),
          mutant,
          world,
        ),
      dispose: () => backend.dispose(),
    },
  };
}
