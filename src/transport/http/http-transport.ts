import type { Account } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { TransportError, throwIfAborted } from '../errors.js';
import type * as T from '../transport.js';
import type { Transport, TransportEvent } from '../transport.js';
import {
  aborted,
  discardBody,
  enc,
  errorFromResponse,
  parseJson,
  sleep,
  toQuery,
  xhrUpload,
} from './request.js';
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
  readonly #delays: readonly [number, number];
  readonly #listeners = new Set<(event: TransportEvent) => void>();
  #token: string | null | undefined;
  #tokenPromise: Promise<string | null | undefined> | undefined;
  #stream: AbortController | undefined;
  #gate: Promise<void> | undefined;
  #lastEventId: string | undefined;
  /** Ends the push stream's reconnect backoff early (the API answered a request, or the browser is online). */
  #wakeStream: (() => void) | undefined;

  constructor(options: HttpTransportOptions) {
    if (typeof options?.baseUrl !== 'string') throw new TypeError('createHttpTransport needs a baseUrl.');
    this.#root = options.baseUrl.replace(/\/+$/, '');
    this.#getToken = options.getToken;
    this.#fetch = options.fetch;
    this.#useXhr = !options.fetch && typeof XMLHttpRequest === 'function';
    this.#delays = options.reconnectDelayMs ?? [500, 30_000];
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
    // A fresh wrapper, so the same function subscribed twice is two subscriptions.
    const wrapper = (event: TransportEvent) => listener(event);
    // The first subscription of this transport resumes where the client left off (a reload, a
    // new leader tab); later, the stream's own last id is newer.
    if (this.#lastEventId === undefined && options?.lastEventId) this.#lastEventId = options.lastEventId;
    this.#listeners.add(wrapper);
    if (!this.#stream) this.#openStream();
    return () => {
      this.#listeners.delete(wrapper);
      if (this.#listeners.size === 0) this.#closeStream();
    };
  }

  /** Resolves once the event stream is open (or failed to open); at once when no one subscribed. */
  ready(): Promise<void> {
    return this.#gate ?? Promise.resolve();
  }

  /** Ends the event stream and drops every subscriber. */
  close(): void {
    this.#listeners.clear();
    this.#closeStream();
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
    if (!this.#gate) return;
    await Promise.race([
      this.#gate,
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
      this.#wakeStream?.();
      if (response.status === 204 || text === '') return undefined as T;
      return parseJson<T>(text);
    }
  }

  // ── the event stream ───────────────────────────────────────────────

  #openStream(): void {
    const controller = new AbortController();
    this.#stream = controller;
    let open!: () => void;
    this.#gate = new Promise<void>((resolve) => (open = resolve));
    void this.#runStream(controller.signal, () => {
      open();
      if (this.#stream === controller) this.#gate = undefined;
    });
  }

  #closeStream(): void {
    this.#stream?.abort();
    this.#stream = undefined;
    this.#gate = undefined;
  }

  #dispatch(event: TransportEvent): void {
    const listeners = [...this.#listeners];
    for (const [i, listener] of listeners.entries()) {
      if (!this.#listeners.has(listener)) continue;
      try {
        // Each listener gets its own copy: one that changes its event can't change another's.
        listener(i === listeners.length - 1 ? event : structuredClone(event));
      } catch (error) {
        // One listener's bug must not stop the others (or the stream).
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  async #runStream(signal: AbortSignal, opened: () => void): Promise<void> {
    const [first, longest] = this.#delays;
    let delay = first;
    let offline = false;
    const fetchImpl = this.#fetch ?? globalThis.fetch;
    while (!signal.aborted) {
      let connected = false;
      try {
        for (let attempt = 0; ; attempt++) {
          const token = await this.#currentToken(attempt > 0);
          const headers: Record<string, string> = { Accept: 'text/event-stream' };
          if (token) headers['Authorization'] = `Bearer ${token}`;
          if (this.#lastEventId !== undefined) headers['Last-Event-ID'] = this.#lastEventId;
          const response = await fetchImpl(this.#url('/v1/events'), { headers, signal, cache: 'no-store' });
          if (response.status === 401 && attempt === 0 && this.#getToken) {
            await discardBody(response);
            continue;
          }
          if (!response.ok || !response.body) {
            await discardBody(response);
            throw errorFromResponse(response.status, '', response.headers.get('Retry-After'));
          }
          await this.#read(response.body, signal, () => {
            connected = true;
            delay = first;
            opened();
            if (offline) {
              offline = false;
              this.#dispatch({ type: 'connection', state: 'online' });
            }
          });
          break;
        }
      } catch {
        // a failed connect or a dropped stream: reconnect below
      }
      if (signal.aborted) return;
      if (connected) {
        // The live stream ended: reconnect at once (with a little jitter), resuming from the last id.
        await sleep(Math.random() * Math.min(100, first), signal);
        continue;
      }
      // Could not (re)connect: tell the client, which catches up when `online` comes.
      opened();
      if (!offline) {
        offline = true;
        this.#dispatch({ type: 'connection', state: 'offline' });
      }
      await this.#backoff(delay * (0.75 + Math.random() / 2), signal);
      delay = Math.min(longest, delay * 2);
    }
  }

  /**
   * Waits before the next reconnect: `ms`, or less when the browser comes back online or another
   * request gets an answer (the API is back), so a stream never lags a working API by its backoff.
   */
  async #backoff(ms: number, signal: AbortSignal): Promise<void> {
    const woken = new AbortController();
    const wake = () => woken.abort();
    const both = AbortSignal.any([signal, woken.signal]);
    this.#wakeStream = wake;
    globalThis.addEventListener?.('online', wake);
    try {
      await sleep(ms, both);
    } finally {
      globalThis.removeEventListener?.('online', wake);
      if (this.#wakeStream === wake) this.#wakeStream = undefined;
    }
  }

  /** Reads one `text/event-stream` until it ends; `ready` runs when the server says it is live. */
  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal, ready: () => void): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let id: string | undefined;
    let type = '';
    let data: string[] = [];
    // Cancelling a stream that already ended or failed rejects: nothing is lost, the loop below ends.
    const stop = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) return;
        buffer += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (data.length || type) this.#received(type || 'message', data.join('\n'), id, ready);
            id = undefined;
            type = '';
            data = [];
            continue;
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const raw = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(raw);
          else if (field === 'event') type = raw;
          else if (field === 'id' && !raw.includes('\0')) id = raw;
        }
      }
    } finally {
      signal.removeEventListener('abort', stop);
      reader.releaseLock?.();
    }
  }

  #received(type: string, data: string, id: string | undefined, ready: () => void): void {
    if (type === 'ready') {
      if (id !== undefined && !this.#isOld(id)) this.#lastEventId = id;
      ready();
      return;
    }
    if (type === 'resync') {
      // The server no longer has what we missed: have the client reload (offline → online).
      this.#dispatch({ type: 'connection', state: 'offline' });
      this.#dispatch({ type: 'connection', state: 'online' });
      this.#lastEventId = undefined;
      return;
    }
    if (id !== undefined && this.#isOld(id)) return; // already delivered before a reconnect
    let event: TransportEvent;
    try {
      event = JSON.parse(data) as TransportEvent;
    } catch {
      // Not JSON: dropped, as validated-transport.ts drops a malformed payload; its id is not kept
      // as the Last-Event-ID.
      return;
    }
    if (id !== undefined) this.#lastEventId = id;
    if (typeof event !== 'object' || event === null || event.type !== type || type === 'connection') return;
    this.#dispatch(id !== undefined ? ({ ...event, eventId: id } as TransportEvent) : event);
  }

  #isOld(id: string): boolean {
    const last = this.#lastEventId;
    if (last === undefined || !/^\d+$/.test(id) || !/^\d+$/.test(last)) return false;
    return Number(id) <= Number(last);
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
