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

const settlers = new WeakMap<SmsSendEvent, (sent: boolean) => void>();

/**
 * The user asked to send a message; fired before the client sends it. Bubbles, crosses shadow
 * roots and is cancelable: `preventDefault()` and nothing is sent (the draft stays).
 */
export class SmsSendEvent extends Event {
  static readonly eventName = 'sms-send';
  readonly detail: SendDetail;
  /**
   * Settles once the send is decided: `true` when the client took the message (it shows at once
   * and waits in the outbox if need be), `false` when it was cancelled or refused (the composer
   * says why and keeps the draft). Never rejects.
   */
  readonly sent: Promise<boolean>;

  constructor(detail: SendDetail) {
    super(SmsSendEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
    this.sent = new Promise((resolve) => settlers.set(this, resolve));
  }
}

/** For the element that fired `event`: says how the send ended (see {@link SmsSendEvent.sent}). */
export function settleSend(event: SmsSendEvent, sent: boolean): void {
  settlers.get(event)?.(sent);
  settlers.delete(event);
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-send': SmsSendEvent;
  }
}
