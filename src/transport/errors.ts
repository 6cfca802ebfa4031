/**
 * What went wrong talking to the backend:
 * - `network`: no answer, or a 5xx; safe to retry with the same client id.
 * - `rate-limited`: retry after `retryAfterMs`.
 * - `auth`: the session is not (or no longer) allowed; do not retry blindly.
 * - `not-found`: the thing asked for does not exist (or is not this account's).
 * - `invalid`: the request was refused for good, with a `code` saying why (a foreign sending
 *   number is `unknown-number`, an unknown attachment id `unknown-attachment`).
 * - `aborted`: the caller's `AbortSignal` fired.
 */
export type TransportErrorKind = 'network' | 'rate-limited' | 'auth' | 'not-found' | 'invalid' | 'aborted';

/** Options of {@link TransportError}. */
export interface TransportErrorInit {
  /**
   * Machine-readable reason, one of the codes of `docs/transport.md#error-codes`, e.g.
   * `file-too-large`, `toll-free-sms-only`, `unknown-number`, `unknown-attachment`, `bad-cursor`.
   * Defaults to the kind.
   */
  readonly code?: string;
  /** How long to wait before retrying, for `rate-limited`. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** The one error type a transport throws; adapters map their failures onto its `kind`. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportErrorKind;
  readonly code: string;
  readonly retryAfterMs: number | undefined;

  constructor(kind: TransportErrorKind, message: string, init: TransportErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.code = init.code ?? kind;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'rate-limited';
  }
}

/** True for a {@link TransportError}, also across module copies (checks the name and kind). */
export function isTransportError(error: unknown): error is TransportError {
  return (
    error instanceof TransportError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'TransportError' &&
      typeof (error as { kind?: unknown }).kind === 'string')
  );
}

/** Turns anything thrown by a transport into a {@link TransportError} (unknown errors count as `network`). */
export function toTransportError(error: unknown): TransportError {
  if (isTransportError(error)) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new TransportError('aborted', 'The request was cancelled.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError('network', message || 'The network request failed.', { cause: error });
}

/** Throws the standard `aborted` error when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransportError('aborted', 'The request was cancelled.');
}
