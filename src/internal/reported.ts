import { ClientError } from '../store/errors.js';
import { TransportError } from '../transport/errors.js';

/**
 * The rejection handler of a read the client reports itself: a failed read is already an
 * `error` on the client's `events$` (re-fired as `sms-error` by `<sms-messages>`) and a failed
 * status the element shows (with its retry), and a client destroyed meanwhile has nothing left
 * to tell. Anything else is a bug, and goes to the page's error handler (`reportError`), never
 * into silence.
 */
export function reported(error: unknown): void {
  if (error instanceof TransportError) return;
  if (error instanceof ClientError && error.code === 'destroyed') return;
  globalThis.reportError(error);
}
