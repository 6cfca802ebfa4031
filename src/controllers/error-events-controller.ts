import { SmsErrorEvent } from '../events/error-event.js';
import type { ClientEvent } from '../store/client.js';
import { ClientEventsController } from './client-events-controller.js';

/**
 * Re-fires the client's errors (failed reads, refused payloads) on the host as `sms-error`
 * events, so a host page can log or report them. The elements already show the user what
 * matters; this is for the host's telemetry.
 */
export class ErrorEventsController extends ClientEventsController {
  protected toDomEvent(event: ClientEvent): Event | undefined {
    return event.type === 'error'
      ? new SmsErrorEvent({ operation: event.operation, error: event.error })
      : undefined;
  }
}
