import type { Account } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { TransportError, throwIfAborted } from '../errors.js';
import type * as T from '../transport.js';
import type { Transport, TransportEvent } from '../transport.js';
import { EventStream } from './event-stream.js';
import { aborted, discardBody, enc, errorFromResponse, parseJson, toQuery, xhrUpload } from './request.js';
import type { Call } from './request.js';

export { errorFromResponse } from './request.js';

/** What {@link HttpTransportOptions.getToken} is told. */
export interface TokenContext {
  /** True after the server answered 401 to the last token: get a fresh one. */
  readonly refresh: boolean;
}

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /**
   * Where the API lives, without the `/v1` (e.g. `https://sms.example.com` or `/sms-api`; a
   * relative URL is resolved against the page).
   */
  readonly baseUrl: string;
  /**
   * The bearer token of the signed-in user, sent as `Authorization: Bearer <token>`. Called before
   * requests (cache the token yourself); after a 401 it is called once with `refresh: true` and the
   * request is tried again. Without it, requests carry no `Authorization` header (cookie or proxy auth).
   */
  readonly getToken?: (
    context: TokenContext,
  ) => string | null | undefined | Promise<string | null | undefined>;
  /** The `fetch` to use (default `globalThis.fetch`); given one, uploads use it too (no XHR). */
  readonly fetch?: typeof fetch;
  /** Reconnect delays of the event stream: first and longest, in ms (default 500 and 30 000). */
  readonly reconnectDelayMs?: readonly [number, number];
}

/**
 * The {@link Transport} over the HTTP protocol of `docs/http-protocol.md` (REST + server-sent
 * events). Create it with {@link createHttpTransport}.
 *
 * - Every request carries `Authorization: Bearer <getToken()>`; a 401 refreshes the token once.
 * - Answers are mapped to `TransportError` kinds: 400/409/413/415/422 → `invalid` (with the
 *   server's `code`), 401/403 → `auth`, 404 → `not-found`, 429 → `rate-limited` (with
 *   `Retry-After`), 5xx and no answer → `network`, an aborted signal → `aborted`.
 * - Sends carry the client id as `Idempotency-Key`, so retrying after a lost answer is safe.
 * - Uploads report progress (with `XMLHttpRequest` in browsers; start and end with `fetch`).
 * - Events come over one `fetch`-streamed `text/event-stream` per transport, shared by all
 *   subscribers; it reconnects with backoff and resumes with `Last-Event-ID`, so nothing is lost
 *   or repeated. Requests made after `subscribe()` wait (briefly) until the stream is open, so
 *   their events are never missed. `connection` events say when the stream is down and back.
 */
export class HttpTransport implements Transport {
  readonly #root: string;
  readonly #getToken: HttpTransportOptions['getToken'];
  readonly #fetch: typeof fetch | undefined;
  readonly #useXhr: boolean;
  readonly #events: EventStream;
  #token: string | null | undefined;
  #tokenPromise: Promise<string | null | undefined> | undefined;

  constructor(options: HttpTransportOptions) {
    if (typeof options?.baseUrl !== 'string') throw new TypeError('createHttpTransport needs a baseUrl.');
    this.#root = options.baseUrl.replace(/\/+$/, '');
    this.#getToken = options.getToken;
    this.#fetch = options.fetch;
    this.#useXhr = !options.fetch && typeof XMLHttpRequest === 'function';
    this.#events = new EventStream({
      url: this.#url('/v1/events'),
      fetch: () => this.#fetch ?? globalThis.fetch,
      token: (refresh) => this.#currentToken(refresh),
      canRefresh: !!this.#getToken,
      delays: options.reconnectDelayMs ?? [500, 30_000],
    });
  }

  getAccount(options: T.RequestOptions = {}): Promise<Account> {
    return this.#call('/v1/account', { signal: options.signal });
  }

  listConversations(request: T.ListConversationsRequest = {}): Promise<T.ConversationPage> {
    return this.#call('/v1/conversations', {
      query: { cursor: request.cursor, limit: request.limit },
      signal: request.signal,
    });
  }

  getConversation(request: T.ConversationRequest): Promise<Conversation> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}`, { signal: request.signal });
  }

  async findConversation(request: T.FindConversationRequest): Promise<Conversation | null> {
    const found = await this.#call<{ conversation: Conversation | null }>('/v1/conversations/find', {
      query: { participant: request.participants, from: request.from },
      signal: request.signal,
    });
    return found.conversation ?? null;
  }

  listMessages(request: T.ListMessagesRequest): Promise<T.MessagePage> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}/messages`, {
      query: { before: request.before, after: request.after, around: request.around, limit: request.limit },
      signal: request.signal,
    });
  }

  sendMessage(request: T.SendMessageRequest): Promise<Message> {
    return this.#call('/v1/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': request.clientId },
      json: { from: request.from, to: request.to, text: request.text, attachmentIds: request.attachmentIds },
      signal: request.signal,
    });
  }

  async uploadAttachment(request: T.UploadRequest): Promise<Attachment> {
    const path = `/v1/attachments${toQuery({ from: request.from, name: request.name })}`;
    const total = request.file.size;
    request.onProgress?.(0, total);
    if (!this.#useXhr) {
      const attachment = await this.#call<Attachment>(path, {
        method: 'POST',
        body: request.file,
        headers: { 'Content-Type': 'application/octet-stream' },
        signal: request.signal,
      });
      request.onProgress?.(total, total);
      return attachment;
    }
    throwIfAborted(request.signal);
    await this.#waitForStream(request.signal);
    for (let attempt = 0; ; attempt++) {
      const token = await this.#currentToken(attempt > 0);
      const result = await xhrUpload(this.#url(path), request, token);
      if (result.status === 401 && attempt === 0 && this.#getToken) continue;
      if (result.status < 200 || result.status > 299) {
        throw errorFromResponse(result.status, result.text, result.retryAfter);
      }
      return parseJson<Attachment>(result.text);
    }
  }

  deleteMessage(request: T.DeleteMessageRequest): Promise<void> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}/messages/${enc(request.messageId)}`, {
      method: 'DELETE',
      signal: request.signal,
    });
  }

  deleteConversation(request: T.ConversationRequest): Promise<void> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}`, {
      method: 'DELETE',
      signal: request.signal,
    });
  }

  markRead(request: T.ConversationRequest): Promise<Conversation> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}/read`, {
      method: 'POST',
      signal: request.signal,
    });
  }

  markUnread(request: T.ConversationRequest): Promise<Conversation> {
    return this.#call(`/v1/conversations/${enc(request.conversationId)}/unread`, {
      method: 'POST',
      signal: request.signal,
    });
  }

  /** `GET /v1/search/messages`: the reference server searches with SQLite FTS5. */
  searchMessages(request: T.SearchMessagesRequest): Promise<T.MessageSearchPage> {
    return this.#call('/v1/search/messages', {
      query: { q: request.query, cursor: request.cursor, limit: request.limit },
      signal: request.signal,
    });
  }

  /** `POST /v1/scheduled` with `Idempotency-Key`: the server sends it at `sendAt` with its own timer. */
  scheduleMessage(request: T.ScheduleMessageRequest): Promise<T.ScheduledMessage> {
    return this.#call('/v1/scheduled', {
      method: 'POST',
      headers: { 'Idempotency-Key': request.clientId },
      json: {
        conversationId: request.conversationId,
        text: request.text,
        ...(request.attachmentIds?.length ? { attachmentIds: request.attachmentIds } : {}),
        sendAt: request.sendAt,
        cancelIfReplied: request.cancelIfReplied === true,
      },
      signal: request.signal,
    });
  }

  /** `GET /v1/scheduled?conversationId=`. */
  async listScheduled(request: T.ListScheduledRequest = {}): Promise<readonly T.ScheduledMessage[]> {
    const answer = await this.#call<{ scheduled: T.ScheduledMessage[] }>('/v1/scheduled', {
      query: { conversationId: request.conversationId },
      signal: request.signal,
    });
    return answer.scheduled;
  }

  /** `PATCH /v1/scheduled/{id}` with what changes. */
  updateScheduled(request: T.UpdateScheduledRequest): Promise<T.ScheduledMessage> {
    const { scheduledId, signal, ...changes } = request;
    return this.#call(`/v1/scheduled/${enc(scheduledId)}`, { method: 'PATCH', json: changes, signal });
  }

  /** `DELETE /v1/scheduled/{id}`. */
  cancelScheduled(request: T.ScheduledRequest): Promise<void> {
    return this.#call(`/v1/scheduled/${enc(request.scheduledId)}`, {
      method: 'DELETE',
      signal: request.signal,
    });
  }

  /** `POST /v1/scheduled/{id}/send`: sends it now. */
  sendScheduledNow(request: T.ScheduledRequest): Promise<Message> {
    return this.#call(`/v1/scheduled/${enc(request.scheduledId)}/send`, {
      method: 'POST',
      signal: request.signal,
    });
  }

  /** `GET /v1/saved-replies`. */
  async listSavedReplies(options: T.RequestOptions = {}): Promise<readonly SavedReply[]> {
    const page = await this.#call<{ replies: readonly SavedReply[] }>('/v1/saved-replies', {
      signal: options.signal,
    });
    return page.replies;
  }

  /** `POST /v1/saved-replies` (create) or `PUT /v1/saved-replies/{id}` (change). */
  saveSavedReply(request: T.SaveSavedReplyRequest): Promise<SavedReply> {
    const json = { title: request.title, text: request.text };
    return request.id === undefined
      ? this.#call('/v1/saved-replies', { method: 'POST', json, signal: request.signal })
      : this.#call(`/v1/saved-replies/${enc(request.id)}`, { method: 'PUT', json, signal: request.signal });
  }

  /** `DELETE /v1/saved-replies/{id}`. */
  deleteSavedReply(request: T.SavedReplyRequest): Promise<void> {
    return this.#call(`/v1/saved-replies/${enc(request.id)}`, { method: 'DELETE', signal: request.signal });
  }

  searchContacts(request: T.SearchContactsRequest): Promise<readonly Contact[]> {
    return this.#call('/v1/contacts', {
      query: { q: request.query, limit: request.limit },
      signal: request.signal,
    });
  }

  subscribe(listener: (event: TransportEvent) => void, options?: T.SubscribeOptions): () => void {
    return this.#events.subscribe(listener, options?.lastEventId);
  }

  /** Resolves once the event stream is open (or failed to open); at once when no one subscribed. */
  ready(): Promise<void> {
    return this.#events.gate ?? Promise.resolve();
  }

  /** Ends the event stream and drops every subscriber. */
  close(): void {
    this.#events.close();
  }

  // ── requests ───────────────────────────────────────────────────────

  #url(path: string): string {
    return `${this.#root}${path}`;
  }

  async #currentToken(refresh: boolean): Promise<string | null | undefined> {
    if (!this.#getToken) return undefined;
    if (!refresh && this.#token !== undefined) return this.#token;
    // One call at a time: concurrent requests that all got a 401 share one refresh.
    this.#tokenPromise ??= (async () => {
      try {
        return await this.#getToken!({ refresh });
      } catch (error) {
        throw new TransportError('auth', 'Could not get a sign-in token.', { cause: error });
      } finally {
        this.#tokenPromise = undefined;
      }
    })();
    this.#token = await this.#tokenPromise;
    return this.#token;
  }

  async #waitForStream(signal: AbortSignal | undefined): Promise<void> {
    const gate = this.#events.gate;
    if (!gate) return;
    await Promise.race([
      gate,
      new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })),
    ]);
    throwIfAborted(signal);
  }

  async #call<T>(path: string, call: Call): Promise<T> {
    const signal = call.signal;
    throwIfAborted(signal);
    await this.#waitForStream(signal);
    const fetchImpl = this.#fetch ?? globalThis.fetch;
    const url = this.#url(path + toQuery(call.query));
    for (let attempt = 0; ; attempt++) {
      const token = await this.#currentToken(attempt > 0);
      throwIfAborted(signal);
      const headers: Record<string, string> = { Accept: 'application/json', ...call.headers };
      if (token) headers['Authorization'] = `Bearer ${token}`;
      let body: BodyInit | undefined = call.body;
      if (call.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(call.json);
      }
      let response: Response;
      try {
        response = await fetchImpl(url, { method: call.method ?? 'GET', headers, body, signal });
      } catch (error) {
        if (signal?.aborted) throw aborted();
        throw new TransportError('network', 'The server could not be reached.', { cause: error });
      }
      if (response.status === 401 && attempt === 0 && this.#getToken) {
        await discardBody(response);
        continue;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw aborted();
        throw new TransportError('network', 'The answer was cut off.', { cause: error });
      }
      if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
      // The API answers: a push stream waiting out its backoff reconnects now, not up to 30 s later.
      this.#events.wake();
      if (response.status === 204 || text === '') return undefined as T;
      return parseJson<T>(text);
    }
  }
}

/**
 * A {@link Transport} over the HTTP protocol of `docs/http-protocol.md`, for the reference server
 * in `server/` or any backend that speaks it.
 *
 * @example
 * ```ts
 * const transport = createHttpTransport({
 *   baseUrl: 'https://sms.example.com',
 *   getToken: ({ refresh }) => auth.accessToken({ forceRefresh: refresh }),
 * });
 * const client = createMessagesClient({ transport });
 * ```
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  return new HttpTransport(options);
}
