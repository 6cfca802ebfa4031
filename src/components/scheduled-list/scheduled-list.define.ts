import { SmsScheduledList } from './scheduled-list.js';

SmsScheduledList.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-scheduled-list': SmsScheduledList;
  }
}
