/** Detail of {@link SmsMediaCloseEvent}. */
export interface MediaCloseDetail {
  readonly conversationId: string;
  /** The file that was on screen when the viewer closed, if any. */
  readonly attachmentId: string | null;
}

/**
 * The user closed the media viewer (Esc or the close button); focus has gone back to the
 * element that opened it. A notification of the viewer itself: it neither bubbles nor crosses
 * shadow roots. `close()` called by the host fires nothing.
 */
export class SmsMediaCloseEvent extends Event {
  static readonly eventName = 'sms-media-close';
  readonly detail: MediaCloseDetail;

  constructor(detail: MediaCloseDetail) {
    super(SmsMediaCloseEvent.eventName);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-media-close': SmsMediaCloseEvent;
  }
}
