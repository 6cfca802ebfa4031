import { SmsSendLater } from './send-later.js';

SmsSendLater.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-send-later': SmsSendLater;
  }
}
