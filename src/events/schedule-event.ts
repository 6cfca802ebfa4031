import type { Attachment } from '../model/attachment.js';

/** Detail of {@link SmsScheduleEvent}: the message about to be scheduled. */
export interface ScheduleDetail {
  readonly conversationId: string;
  readonly text: string;
  /** The files sent with it (uploaded already); `[]` for a text. */
  readonly attachments: readonly Attachment[];
  /** When the backend is to send it (ms since the epoch). */
  readonly sendAt: number;
  /** Whether the backend cancels it when someone in the chat texts first. */
  readonly cancelIfReplied: boolean;
}

/**
 * The user asked to send a message later ("Send later"); fired before the client schedules
 * it. Bubbles, crosses shadow roots and is cancelable: `preventDefault()` and nothing is
 * scheduled (the draft stays).
 */
export class SmsScheduleEvent extends Event {
  static readonly eventName = 'sms-schedule';
  readonly detail: ScheduleDetail;

  constructor(detail: ScheduleDetail) {
    super(SmsScheduleEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-schedule': SmsScheduleEvent;
  }
}
