import '../scheduled-list/scheduled-list.define.js';
import { SmsThread } from './thread.js';

SmsThread.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-thread': SmsThread;
  }
}
