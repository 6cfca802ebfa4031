import type { TransportEvent } from '../transport.js';
import { discardBody, errorFromResponse, sleep } from './request.js';

/** What {@link EventStream} needs from its transport. */
export interface EventStreamOptions {
  /** The full URL of `GET /v1/events`. */
  readonly url: string;
  /** The `fetch` to use. */
  readonly fetch: () => typeof fetch;
  /** The bearer token (`refresh` after a 401), or none. */
  readonly token: (refresh: boolean) => Promise<string | null | undefined>;
  /** Whether a 401 is worth one more try with a refreshed token. */
  readonly canRefresh: boolean;
  /** Reconnect delays: first and longest, in ms. */
  readonly delays: readonly [number, number];
}

/**
 * The push side of {@link HttpTransport}: one `fetch`-streamed `text/event-stream` shared by all
 * subscribers. It reconnects with backoff and resumes with `Last-Event-ID`, so nothing is lost
 * or repeated; `connection` events say when it is down and back. While it opens, {@link gate}
 * holds the transport's requests, so their events are never missed.
 */
export class EventStream {
  readonly #options: EventStreamOptions;
  readonly #listeners = new Set<(event: TransportEvent) => void>();
  #stream: AbortController | undefined;
  #gate: Promise<void> | undefined;
  #lastEventId: string | undefined;
  /** Ends the push stream's reconnect backoff early (the API answered a request, or the browser is online). */
  #wakeStream: (() => void) | undefined;

  constructor(options: EventStreamOptions) {
    this.#options = options;
  }

  /** Resolves once the stream is open (or failed to open); `undefined` when no one subscribed. */
  get gate(): Promise<void> | undefined {
    return this.#gate;
  }

  /** Adds a subscriber (opening the stream for the first); answers how to remove it. */
  subscribe(listener: (event: TransportEvent) => void, lastEventId: string | undefined): () => void {
    // A fresh wrapper, so the same function subscribed twice is two subscriptions.
    const wrapper = (event: TransportEvent) => listener(event);
    // The first subscription of this transport resumes where the client left off (a reload, a
    // new leader tab); later, the stream's own last id is newer.
    if (this.#lastEventId === undefined && lastEventId) this.#lastEventId = lastEventId;
    this.#listeners.add(wrapper);
    if (!this.#stream) this.#openStream();
    return () => {
      this.#listeners.delete(wrapper);
      if (this.#listeners.size === 0) this.#closeStream();
    };
  }

  /** The API answered a request: a stream waiting out its backoff reconnects now, not up to 30 s later. */
  wake(): void {
    this.#wakeStream?.();
  }

  /** Ends the stream and drops every subscriber. */
  close(): void {
    this.#listeners.clear();
    this.#closeStream();
  }

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
    const [first, longest] = this.#options.delays;
    let delay = first;
    let offline = false;
    const fetchImpl = this.#options.fetch();
    while (!signal.aborted) {
      let connected = false;
      try {
        for (let attempt = 0; ; attempt++) {
          const token = await this.#options.token(attempt > 0);
          const headers: Record<string, string> = { Accept: 'text/event-stream' };
          if (token) headers['Authorization'] = `Bearer ${token}`;
          if (this.#lastEventId !== undefined) headers['Last-Event-ID'] = this.#lastEventId;
          const response = await fetchImpl(this.#options.url, { headers, signal, cache: 'no-store' });
          if (response.status === 401 && attempt === 0 && this.#options.canRefresh) {
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
        // Not swallowed: a failed connect or a dropped stream is told as a `connection: offline`
        // event below (the client shows it and catches up when `online` comes), then reconnects.
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
