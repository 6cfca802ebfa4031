import { SmsProvider } from './provider.js';

SmsProvider.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-provider': SmsProvider;
  }
}
