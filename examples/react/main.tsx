// sms-elements in React 19. React 19 sets custom-element properties (not attributes) when the
// element has them, and `onsms-send` listens to the `sms-send` event: no wrapper needed.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'sms-elements/define';
import type {} from 'sms-elements/jsx'; // the JSX typings of every sms-* tag
import { createMessagesClient } from 'sms-elements';
import type { SmsConversationSelectEvent, SmsMessages, SmsSendEvent } from 'sms-elements';
import { createMemoryBackend } from 'sms-elements/memory';

const backend = createMemoryBackend({ latencyMs: 0 });
const client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
const labels = { messages: 'Texts' };

function App() {
  const messages = useRef<SmsMessages>(null);
  const [log, setLog] = useState('No event yet');

  return (
    <>
      <header>
        <h1>React 19</h1>
        <button
          type="button"
          onClick={() =>
            void messages.current?.openConversation({ to: '(202) 555-0143', text: 'Hello from React' })
          }
        >
          Text (202) 555-0143
        </button>
        <output id="log">{log}</output>
      </header>
      <sms-provider client={client}>
        <sms-messages
          ref={messages}
          labels={labels}
          style={{ display: 'block', height: '560px' }}
          onsms-conversation-select={(e: SmsConversationSelectEvent) =>
            setLog(`sms-conversation-select ${e.detail.conversationId}`)
          }
          onsms-send={(e: SmsSendEvent) => setLog(`sms-send "${e.detail.text}" to ${e.detail.to.join(', ')}`)}
        />
      </sms-provider>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
