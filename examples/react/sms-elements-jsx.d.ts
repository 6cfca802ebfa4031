// JSX types for the tags this example uses: their properties and their `onsms-*` event props.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  MessagesClient,
  SmsConversationSelectEvent,
  SmsMessages,
  SmsProvider,
  SmsSendEvent,
  SmsUnreadChangeEvent,
  Translation,
} from 'sms-elements';

type Element<T> = DetailedHTMLProps<HTMLAttributes<T>, T>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sms-provider': Element<SmsProvider> & { client?: MessagesClient };
      'sms-messages': Element<SmsMessages> & {
        labels?: Partial<Translation>;
        notifications?: boolean;
        'onsms-conversation-select'?: (event: SmsConversationSelectEvent) => void;
        'onsms-send'?: (event: SmsSendEvent) => void;
        'onsms-unread-change'?: (event: SmsUnreadChangeEvent) => void;
      };
    }
  }
}
