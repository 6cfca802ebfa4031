import { SmsConversationList } from './conversation-list.js';

SmsConversationList.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-conversation-list': SmsConversationList;
  }
}
