/** Detail of {@link SmsSearchSelectEvent}: what was chosen among the results. */
export type SearchSelectDetail =
  | {
      readonly kind: 'person';
      /** E.164. */
      readonly number: string;
      /** Untrusted; render as text. */
      readonly name?: string;
      /** The newest conversation with this person alone, when there is one. */
      readonly conversationId?: string;
    }
  | { readonly kind: 'conversation'; readonly conversationId: string }
  | {
      readonly kind: 'message';
      readonly conversationId: string;
      /** Open the conversation around this message (`openConversation({ conversationId, messageId })`). */
      readonly messageId: string;
    };

/**
 * The user chose a search result (click, Enter). Bubbles and crosses shadow roots; in
 * `<sms-messages>`, cancel it (`preventDefault()`) to stop the app from opening the result.
 */
export class SmsSearchSelectEvent extends Event {
  static readonly eventName = 'sms-search-select';
  readonly detail: SearchSelectDetail;

  constructor(detail: SearchSelectDetail) {
    super(SmsSearchSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-search-select': SmsSearchSelectEvent;
  }
}
