// One tab of the two-tab chaos test (test/chaos/two-tabs.mjs): the whole `<sms-messages>` over
// the reference server, as an app that embeds it with everything on: the IndexedDB cache (the
// outbox survives reloads), tab sync (`tabs`: one leader per account, elected with Web Locks,
// the others in step through BroadcastChannel) and browser notifications.
// Query: `server`, `token`, `account`, `key` (the tab key: the same in every tab of the test).
// Every Notification the app constructs is reported to the Node side (`smsChaosNotified`, an
// exposed binding: counted across reloads and closed tabs); `window.smsTest.client` is the
// client, for the acceptance suite's App helper (test/acceptance/app.mjs) and the final reads.
import '../../../src/define.js';
import { createIndexedDbCache, createMessagesClient } from '../../../src/index.js';
import { createHttpTransport } from '../../../src/transport/http/index.js';

declare global {
  interface Window {
    /** Exposed by the test (BrowserContext.exposeBinding): one call per Notification shown. */
    smsChaosNotified?: (body: string) => void;
  }
}

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const key = params.get('key') ?? 'chaos';
const transport = createHttpTransport({
  baseUrl: params.get('server') ?? '',
  getToken: () => token,
  // An outage of a few seconds is not waited out for half a minute.
  reconnectDelayMs: [200, 2000],
});
const client = createMessagesClient({
  transport,
  cache: createIndexedDbCache({ accountId: params.get('account') ?? '', userId: key }),
  tabs: key,
});

if (typeof Notification !== 'undefined') {
  const Original = Notification;
  class CountedNotification extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      window.smsChaosNotified?.(options?.body ?? '');
    }
  }
  window.Notification = CountedNotification as typeof Notification;
}

(window as unknown as { smsTest: unknown }).smsTest = { client };

const provider = document.createElement('sms-provider');
provider.client = client;
const messages = document.createElement('sms-messages');
messages.notifications = true;
provider.append(messages);
document.getElementById('app')!.append(provider);
