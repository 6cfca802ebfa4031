import { SmsErrorEvent } from '../events/error-event.js';
import { ClientError } from '../store/errors.js';

/** An `Error` for anything thrown. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A command the person gave failed: the element that shows why also tells the host, as
 * `sms-error` with the operation's name. A client destroyed meanwhile has nothing left to tell.
 */
export function dispatchFailure(target: EventTarget, operation: string, error: unknown): void {
  if (error instanceof ClientError && error.code === 'destroyed') return;
  target.dispatchEvent(new SmsErrorEvent({ operation, error: asError(error) }));
}
