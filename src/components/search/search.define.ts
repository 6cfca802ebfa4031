import { SmsSearch } from './search.js';

SmsSearch.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-search': SmsSearch;
  }
}
