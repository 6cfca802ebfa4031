// A second tab of the app, opened by a test with window.open('/test/helpers/tab.html?…'):
// `<sms-messages>` on the reference server (`server`, `token`), sharing the tab key `key`.
// The test reads `window.smsTab` through the popup's window (same origin).
import '../../src/define.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createHttpTransport } from '../../src/transport/http/index.js';

const LOGGED = [
  'sms-message-sent',
  'sms-message-delivered',
  'sms-message-failed',
  'sms-message-received',
] as const;

const params = new URLSearchParams(location.search);
const transport = createHttpTransport({
  baseUrl: params.get('server')!,
  getToken: () => params.get('token')!,
});
const client = createMessagesClient({ transport, tabs: params.get('key')! });
const provider = document.createElement('sms-provider');
provider.client = client;
const el = document.createElement('sms-messages');
el.style.cssText = 'display: block; height: 500px; width: 900px';
provider.append(el);
document.body.append(provider);
const log: string[] = [];
for (const type of LOGGED) el.addEventListener(type, (e) => log.push(`${type}:${e.detail.message.text}`));

declare global {
  interface Window {
    smsTab?: { client: MessagesClient; log: string[]; close(): void };
  }
}
window.smsTab = {
  client,
  log,
  close() {
    client.destroy();
    transport.close();
  },
};
