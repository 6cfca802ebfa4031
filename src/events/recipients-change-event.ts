/** Detail of {@link SmsRecipientsChangeEvent}. */
export interface RecipientsChangeDetail {
  /** The chosen recipients (E.164). */
  readonly participants: readonly string[];
  /** The own number to send from (E.164). */
  readonly from: string;
  /**
   * The conversation with exactly these participants from that number: an existing one, a
   * provisional one (created on the first send), or `null` when there are no recipients yet or
   * the choice is not allowed (a group from a toll-free number).
   */
  readonly conversationId: string | null;
}

/** The recipients or the From number of a new message changed. Bubbles and crosses shadow roots. */
export class SmsRecipientsChangeEvent extends Event {
  static readonly eventName = 'sms-recipients-change';
  readonly detail: RecipientsChangeDetail;

  constructor(detail: RecipientsChangeDetail) {
    super(SmsRecipientsChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-recipients-change': SmsRecipientsChangeEvent;
  }
}
