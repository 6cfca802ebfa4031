import '../send-later/send-later.define.js';
import { SmsComposer } from './composer.js';

SmsComposer.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-composer': SmsComposer;
  }
}
