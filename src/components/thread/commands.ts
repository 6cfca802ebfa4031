/**
 * Thread commands whose failures go somewhere: the person sees what they asked for did not happen
 * (a message in the thread's alert row), and the host hears of every failure the client did not
 * already put on its own error event (as `sms-error` from the thread).
 */
import { SmsErrorEvent } from '../../events/error-event.js';
import { TransportError } from '../../transport/errors.js';

/** Operations whose transport failures the client reports itself (see `MessagesClient.events$`). */
const REPORTED_BY_CLIENT = new Set(['markRead', 'markUnread']);

/**
 * Runs a command of the thread's and routes its failure.
 *
 * @param host - The element that fires `sms-error`.
 * @param operation - The client method's name (the `operation` of the error event).
 * @param run - The command's promise (`undefined`: there was no client to ask).
 * @param onFail - Shows the person a failure they caused (a click); not given for background reads.
 */
export function runCommand(
  host: EventTarget,
  operation: string,
  run: Promise<unknown> | undefined,
  onFail?: () => void,
): void {
  void run?.catch((error: unknown) => {
    onFail?.();
    if (error instanceof TransportError && REPORTED_BY_CLIENT.has(operation)) return;
    host.dispatchEvent(
      new SmsErrorEvent({
        operation,
        error: error instanceof Error ? error : new Error(String(error)),
      }),
    );
  });
}
