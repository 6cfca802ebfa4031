/** Detail of {@link SmsSearchInputEvent}. */
export interface SearchInputDetail {
  /** The query now in the field (untrusted; `''` once cleared). */
  readonly value: string;
}

/**
 * The user changed the search query: typed, cleared it (the clear button, Escape). Bubbles and
 * crosses shadow roots, not cancelable; not fired when a host sets `value`. `<sms-messages>`
 * narrows its conversation list with it.
 */
export class SmsSearchInputEvent extends Event {
  static readonly eventName = 'sms-search-input';
  readonly detail: SearchInputDetail;

  constructor(detail: SearchInputDetail) {
    super(SmsSearchInputEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-search-input': SmsSearchInputEvent;
  }
}
