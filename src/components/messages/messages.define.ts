import { SmsMessages } from './messages.js';

SmsMessages.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-messages': SmsMessages;
  }
}
