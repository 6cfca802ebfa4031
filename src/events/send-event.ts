import type { Attachment } from '../model/attachment.js';

/** Detail of {@link SmsSendEvent}: the message about to be sent. */
export interface SendDetail {
  readonly conversationId: string;
  /** The own number it goes out from (E.164). */
  readonly from: string;
  /** The recipients (E.164). */
  readonly to: readonly string[];
  readonly text: string;
  /** Uploaded files, sent together as one MMS. */
  readonly attachments: readonly Attachment[];
}

/**
 * The user asked to send a message; fired before the client sends it. Bubbles, crosses shadow
 * roots and is cancelable: `preventDefault()` and nothing is sent (the draft stays).
 */
export class SmsSendEvent extends Event {
  static readonly eventName = 'sms-send';
  readonly detail: SendDetail;

  constructor(detail: SendDetail) {
    super(SmsSendEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-send': SmsSendEvent;
  }
}
