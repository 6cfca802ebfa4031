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
 * that are waiting for it are left to it.
 */
export function renderPendingNow(): void {
  if (scheduled) renderDirty();
}

/** Per host with a stream interval: when it last rendered new values, and the render waiting. */
const streams = new WeakMap<
  ReactiveControllerHost,
  { last: number; timer: ReturnType<typeof setTimeout> | null }
>();

/**
 * Like {@link scheduleRender}, at most once per `interval` ms while values keep coming: the first
 * change after a quiet `interval` renders in the next frame; later ones wait for the interval's
 * end and render together (the host then shows the latest values).
 */
function scheduleStreamRender(host: ReactiveControllerHost, interval: number): void {
  let stream = streams.get(host);
  if (!stream) streams.set(host, (stream = { last: -Infinity, timer: null }));
  if (stream.timer) return;
  const wait = stream.last + interval - performance.now();
  if (wait <= 0) {
    stream.last = performance.now();
    scheduleRender(host);
    return;
  }
  const s = stream;
  s.timer = setTimeout(() => {
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

  constructor(
    host: ReactiveControllerHost,
    source: () => Observable<T> | undefined,
    options: ObserveOptions = {},
  ) {
    this.#host = host;
    this.#source = source;
    this.#interval = options.streamInterval ?? 0;
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
      if (this.#interval > 0) scheduleStreamRender(this.#host, this.#interval);
      else scheduleRender(this.#host);
    });
    synchronous = false;
  }
}
