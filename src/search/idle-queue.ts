/** Longest stretch of queued work run at once, so no task the queue runs exceeds a frame or two. */
export const SLICE_MS = 8;

type IdleCallback = (deadline: { timeRemaining(): number; readonly didTimeout: boolean }) => void;
const idle = (
  globalThis as {
    requestIdleCallback?: (callback: IdleCallback, options?: { timeout: number }) => number;
  }
).requestIdleCallback;

/**
 * Runs jobs in order, in short slices when the main thread is idle (`requestIdleCallback`,
 * within 100 ms even when it never is; a timer where there is no idle callback). A job is
 * small (one state change, one batch read from IndexedDB); a slice runs jobs until
 * {@link SLICE_MS} have passed.
 */
export class IdleQueue {
  readonly #jobs: (() => void)[] = [];
  #scheduled = false;
  #closed = false;
  #drained: (() => void)[] = [];

  /** Jobs waiting. */
  get size(): number {
    return this.#jobs.length;
  }

  push(job: () => void): void {
    if (this.#closed) return;
    this.#jobs.push(job);
    this.#schedule();
  }

  /** Queues jobs ahead of every waiting one. */
  unshift(jobs: readonly (() => void)[]): void {
    if (this.#closed || !jobs.length) return;
    this.#jobs.unshift(...jobs);
    this.#schedule();
  }

  /** Resolves once every job queued so far (and after) has run. */
  drained(): Promise<void> {
    if (!this.#jobs.length) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Runs every waiting job now (for a search that must see the latest changes). */
  runAll(): void {
    while (this.#jobs.length) this.#jobs.shift()!();
    this.#settle();
  }

  close(): void {
    this.#closed = true;
    this.#jobs.length = 0;
    this.#settle();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const run = (): void => {
      this.#scheduled = false;
      const end = performance.now() + SLICE_MS;
      while (this.#jobs.length && performance.now() < end) this.#jobs.shift()!();
      if (this.#jobs.length) this.#schedule();
      else this.#settle();
    };
    if (idle) idle(run, { timeout: 100 });
    else setTimeout(run, 0);
  }

  #settle(): void {
    if (this.#jobs.length) return;
    const waiting = this.#drained;
    this.#drained = [];
    for (const resolve of waiting) resolve();
  }
}
