/** Detail of {@link SmsErrorEvent}. */
export interface ErrorDetail {
  /** What was being done: `send`, `upload`, `listConversations`, `payload`… */
  readonly operation: string;
  readonly error: Error;
}

/**
 * Something failed that the host may want to log or report. The element has already shown
 * the user what they need to know. Bubbles and crosses shadow roots; not cancelable.
 */
export class SmsErrorEvent extends Event {
  static readonly eventName = 'sms-error';
  readonly detail: ErrorDetail;

  constructor(detail: ErrorDetail) {
    super(SmsErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-error': SmsErrorEvent;
  }
}
