import { SmsNewConversation } from './new-conversation.js';

SmsNewConversation.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-new-conversation': SmsNewConversation;
  }
}
