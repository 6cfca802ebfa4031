/** Detail of {@link SmsMediaOpenEvent}. */
export interface MediaOpenDetail {
  readonly conversationId: string;
  readonly messageId: string;
  readonly attachmentId: string;
}

/**
 * The user opened an attachment in a thread. `<sms-messages>` opens the media viewer on it;
 * a host using `<sms-thread>` alone can open its own. Bubbles, crosses shadow roots, cancelable.
 */
export class SmsMediaOpenEvent extends Event {
  static readonly eventName = 'sms-media-open';
  readonly detail: MediaOpenDetail;

  constructor(detail: MediaOpenDetail) {
    super(SmsMediaOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-media-open': SmsMediaOpenEvent;
  }
}
