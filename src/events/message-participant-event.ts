/** Detail of {@link SmsMessageParticipantEvent}. */
export interface MessageParticipantDetail {
  /** The participant to text alone (E.164). */
  readonly number: string;
  /** The own number of the conversation it came from. */
  readonly from: string;
}

/**
 * The user chose "Message" next to a participant: open (or start) a one-to-one chat with them.
 * Bubbles, crosses shadow roots; cancel it to handle it yourself (by default the client selects
 * that conversation).
 */
export class SmsMessageParticipantEvent extends Event {
  static readonly eventName = 'sms-message-participant';
  readonly detail: MessageParticipantDetail;

  constructor(detail: MessageParticipantDetail) {
    super(SmsMessageParticipantEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-message-participant': SmsMessageParticipantEvent;
  }
}
