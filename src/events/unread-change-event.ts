/** Detail of {@link SmsUnreadChangeEvent}. */
export interface UnreadChangeDetail {
  /** Unread messages across all conversations. */
  readonly total: number;
}

/**
 * The total of unread messages changed. Fired by the element itself (does not bubble): listen
 * on the element to show a badge elsewhere in the portal.
 */
export class SmsUnreadChangeEvent extends Event {
  static readonly eventName = 'sms-unread-change';
  readonly detail: UnreadChangeDetail;

  constructor(detail: UnreadChangeDetail) {
    super(SmsUnreadChangeEvent.eventName);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-unread-change': SmsUnreadChangeEvent;
  }
}
