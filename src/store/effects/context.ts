import type { MessagesCache } from '../../cache/cache.js';
import { toTransportError } from '../../transport/errors.js';
import type { Transport } from '../../transport/transport.js';
import type { Action } from '../actions.js';
import type { ClientEvent } from '../client-types.js';
import type { MessagesState } from '../state.js';

/** What every effect of the client shares: the doors out, the state, and the client's life. */
export interface EffectContext {
  readonly transport: Transport;
  readonly cache: MessagesCache | undefined;
  /** Every state change goes through this: the store, the cache, the other tabs. */
  readonly dispatch: (action: Action) => void;
  readonly getState: () => MessagesState;
  readonly now: () => number;
  /** Tells the host (`events$`). */
  readonly emit: (event: ClientEvent) => void;
  /** Reports a failed operation as an `error` event (an abort is not one). */
  readonly report: (operation: string, error: unknown) => void;
  readonly destroyed: () => boolean;
  /** Throws `destroyed` once the client is destroyed. */
  readonly assertAlive: () => void;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads that nothing else would ask again are retried a few times when the failure is
 * retryable (never sooner than `retryAfterMs`), until `attempts` or the client is destroyed.
 */
export async function retryRead<T>(
  run: () => Promise<T>,
  attempts: number,
  destroyed: () => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const e = toTransportError(error);
      if (!e.retryable || attempt >= attempts || destroyed()) throw error;
      await new Promise((r) => setTimeout(r, Math.max(e.retryAfterMs ?? 0, 250 * 2 ** (attempt - 1))));
    }
  }
}

/**
 * Runs a step nobody awaits: a catch-up, the newest page read behind a jump. See {@link settled}.
 */
export function inBackground(
  context: Pick<EffectContext, 'report' | 'destroyed'>,
  operation: string,
  step: Promise<unknown>,
): void {
  void settled(context, operation, step);
}

/**
 * Waits for a step whose failure must not stop what comes next (a chat opened to restore its
 * unsent messages), or that nobody awaits ({@link inBackground}). Its reads catch their own
 * failures: a failed read is an `error` on `events$` (re-fired as `sms-error` by
 * `<sms-messages>`) and a failed status the elements show with their retry. So what still
 * rejects is a client destroyed meanwhile (nothing left to tell) or something unforeseen — a bug,
 * a cache that rejects against its contract —, which is reported as an `error` under
 * `operation`, never dropped.
 */
export async function settled(
  context: Pick<EffectContext, 'report' | 'destroyed'>,
  operation: string,
  step: Promise<unknown>,
): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (!context.destroyed()) context.report(operation, error);
  }
}
