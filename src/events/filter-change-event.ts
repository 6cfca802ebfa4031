import type { ConversationFilter } from '../rules/conversation-filter.js';

/** Detail of {@link SmsFilterChangeEvent}. */
export interface FilterChangeDetail {
  /** The filters that will apply (all of them at once), in chip order. */
  readonly filters: readonly ConversationFilter[];
}

/**
 * The user toggled a filter chip of the conversation list (or cleared them). Bubbles and crosses
 * shadow roots; cancel it (`preventDefault()`) to keep the filters as they were.
 */
export class SmsFilterChangeEvent extends Event {
  static readonly eventName = 'sms-filter-change';
  readonly detail: FilterChangeDetail;

  constructor(detail: FilterChangeDetail) {
    super(SmsFilterChangeEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-filter-change': SmsFilterChangeEvent;
  }
}
