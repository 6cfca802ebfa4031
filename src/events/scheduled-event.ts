import type { ScheduledMessage } from '../transport/transport.js';

/** Detail of {@link SmsScheduledEvent}. */
export interface ScheduledDetail {
  /** The scheduled message as the backend keeps it. */
  readonly scheduled: ScheduledMessage;
}

/**
 * `<sms-send-later>` scheduled a message (the backend accepted it). An element-local
 * notification: it neither bubbles nor crosses shadow roots.
 */
export class SmsScheduledEvent extends Event {
  static readonly eventName = 'sms-scheduled';
  readonly detail: ScheduledDetail;

  constructor(detail: ScheduledDetail) {
    super(SmsScheduledEvent.eventName);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-scheduled': SmsScheduledEvent;
  }
}
