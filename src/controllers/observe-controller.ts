import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/** Hosts with new values waiting to render; they all render together once per frame. */
const dirty = new Set<ReactiveControllerHost>();
let scheduled = false;

function renderDirty(): void {
  scheduled = false;
  const hosts = [...dirty];
  dirty.clear();
  for (const host of hosts) host.requestUpdate();
}

/**
 * Asks `host` to re-render before the next paint. A burst of store changes (hundreds of inbound
 * messages a second) renders once per frame instead of once per change. Animation frames stop in
 * background tabs, so a timer renders there too (titles, badges and notifications stay current).
 */
function scheduleRender(host: ReactiveControllerHost): void {
  dirty.add(host);
  if (scheduled) return;
  scheduled = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    renderDirty();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, 100);
}

/**
 * Renders now, in the current task, the hosts waiting for the next frame (their Lit updates run
 * at the end of this task, before the frame). For a person's own action whose result they are
 * waiting to see: the composer calls it once its message's echo is in the store, so the frame
 * after the click paints the echo with the thread's update already done, instead of doing that
 * update in the frame itself (issue 21, "click send → echo painted"). Hosts on a stream interval
 * that are waiting for its end render now too (the person's own text is not part of the stream).
 */
export function renderPendingNow(): void {
  for (const [host, stream] of waiting) {
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = null;
    stream.last = performance.now();
    dirty.add(host);
    scheduled = true;
  }
  waiting.clear();
  if (scheduled) renderDirty();
}

/**
 * Per host with a stream interval: when it last rendered new values, how many renders in a row
 * followed the one before within the interval, and the render waiting for the interval's end.
 */
interface StreamState {
  last: number;
  run: number;
  timer: ReturnType<typeof setTimeout> | null;
}
const streams = new WeakMap<ReactiveControllerHost, StreamState>();
/** Stream hosts with a render waiting for their interval's end ({@link renderPendingNow} renders them). */
const waiting = new Map<ReactiveControllerHost, StreamState>();

/**
 * Like {@link scheduleRender}, at most once per `interval` ms while values keep coming: a change
 * renders in the next frame unless the host already rendered `after` times in a row, each within
 * `interval` of the one before (a stream); then it waits for the interval's end and renders with
 * the changes that followed (the host then shows the latest values). A quiet interval ends the
 * stream.
 */
function scheduleStreamRender(host: ReactiveControllerHost, interval: number, after: number): void {
  let stream = streams.get(host);
  if (!stream) streams.set(host, (stream = { last: -Infinity, run: 0, timer: null }));
  if (stream.timer) return;
  const now = performance.now();
  const wait = stream.last + interval - now;
  if (wait <= 0 || stream.run < after) {
    stream.run = wait > 0 ? stream.run + 1 : 0;
    stream.last = now;
    scheduleRender(host);
    return;
  }
  const s = stream;
  waiting.set(host, s);
  s.timer = setTimeout(() => {
    waiting.delete(host);
    s.timer = null;
    s.last = performance.now();
    scheduleRender(host);
  }, wait);
}

/** Options of {@link ObserveController}. */
export interface ObserveOptions {
  /**
   * While new values keep arriving, render the host at most once per this many ms (shared by
   * every controller of the host given it). For views a person does not read change by change
   * during a stream (the chats list under a burst of inbound texts); a change after a quiet
   * interval still renders in the next frame. Default: once per frame.
   */
  readonly streamInterval?: number;
  /**
   * With {@link streamInterval}: how many renders in a row, each within the interval of the one
   * before, make a stream (the changes after them wait for the interval). For views a person
   * reads as changes come (the open thread): a chat opened, a page read, a text or two arriving
   * still render in the next frame; only a lasting stream is thinned. Default 0: every change
   * within the interval of the last render waits.
   */
  readonly streamAfter?: number;
}

/**
 * Subscribes a host to an observable while it is connected and re-renders on new values (at
 * most once per frame: the value itself is current at once).
 *
 * The source can depend on the host's properties (the client, a conversation id). Reading
 * {@link value} re-reads the source first, so the value always belongs to the source the host's
 * properties name now, wherever it is read: in `willUpdate` (which Lit runs before controllers'
 * `hostUpdate`), `render`, `updated` or an event handler. A new observable replaces the old
 * subscription; until it emits, the value is `undefined`, never the old source's.
 */
export class ObserveController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => Observable<T> | undefined;
  #current: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  #value: T | undefined;
  readonly #interval: number;
  readonly #after: number;

  constructor(
    host: ReactiveControllerHost,
    source: () => Observable<T> | undefined,
    options: ObserveOptions = {},
  ) {
    this.#host = host;
    this.#source = source;
    this.#interval = options.streamInterval ?? 0;
    this.#after = options.streamAfter ?? 0;
    host.addController(this);
  }

  /** The latest value of the source the host names now (`undefined` before its first value). */
  get value(): T | undefined {
    this.#sync();
    return this.#value;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#current = undefined;
  }

  #sync(): void {
    if (!this.#connected) return;
    const next = this.#source();
    if (next === this.#current) return;
    this.#subscription?.unsubscribe();
    this.#current = next;
    this.#value = undefined;
    let synchronous = true;
    this.#subscription = next?.subscribe((value) => {
      this.#value = value;
      if (synchronous) return;
      if (this.#interval > 0) scheduleStreamRender(this.#host, this.#interval, this.#after);
      else scheduleRender(this.#host);
    });
    synchronous = false;
  }
}
