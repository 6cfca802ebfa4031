// The host page of the journey suite and the model-based test (scripts/check-journeys.mjs): the
// whole `<sms-messages>` inside a page, as an app embeds it, against the memory backend or, with
// `?backend=http&server=…&token=…`, the reference server over real HTTP.
// Query: `lang` (en|es), `seed`, `conversations`, `latency` (ms, memory backend only).
// The portal gives the app a `{company}` for saved replies and lets it take over `sms:` links
// (click-to-text, `capture-links`) anywhere in the page.
// `window.smsTest` lets the Node side reach the backend (inbound texts, failures) and read it.
// The two-tab chaos test (test/chaos/two-tabs.mjs) adds `tabs` (the tab key, the same in every
// tab: the IndexedDB cache, so the outbox survives reloads, and tab sync, one leader per account)
// with `account` (the cache's account), and `reconnect=first,longest` (the event stream's
// reconnect delays in ms, reference server only: an outage of seconds is not waited out for half a
// minute), and `retry=base,longest` (the client's backoff in ms). A page whose test exposed `smsTestNotified` (Playwright's exposeBinding) reports each
// notification's body there too, counted across reloads and closed tabs.
import '../../../src/define.js';
// `?lang=es`: Spanish is opt in (decision 0016).
import '../../../src/i18n/es.js';
import { createIndexedDbCache, createMessagesClient } from '../../../src/index.js';
import type { MessagesClient } from '../../../src/index.js';
import { createMemoryBackend, MAIN_ACCOUNT_ID } from '../../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../../src/transport/memory/index.js';
import { createHttpTransport } from '../../../src/transport/http/index.js';
import type { Transport } from '../../../src/transport/transport.js';
import type { Conversation } from '../../../src/model/conversation.js';
import type { Message } from '../../../src/model/message.js';
import type { Contact } from '../../../src/model/contact.js';
import type { ScheduledMessage } from '../../../src/transport/transport.js';

/** What the Node side can reach in the page. */
export interface SmsTestHooks {
  readonly backend: MemoryBackend | null;
  readonly client: MessagesClient;
  /** Every conversation the backend holds, in its order (memory backend only). */
  conversations(): Promise<Conversation[]>;
  /** Every message of one conversation, oldest first (memory backend only). */
  messages(conversationId: string): Promise<Message[]>;
  /** Contacts whose name or number matches `query` (memory backend only). */
  contacts(query: string): Promise<Contact[]>;
  /** The messages scheduled in a conversation, soonest first (memory backend only). */
  scheduled(conversationId: string): Promise<ScheduledMessage[]>;
  /** Notifications shown so far: title, body, and `click()` as a person clicking it would. */
  readonly notifications: { title: string; body: string; click: () => void }[];
}

declare global {
  interface Window {
    smsTest: SmsTestHooks;
    /** Exposed by a test (BrowserContext.exposeBinding): one call per notification shown. */
    smsTestNotified?: (body: string) => void;
  }
}

const params = new URLSearchParams(location.search);
document.documentElement.lang = params.get('lang') ?? 'en';
const useHttp = params.get('backend') === 'http';
const latency = Number(params.get('latency') ?? '20');
const backend = useHttp
  ? null
  : createMemoryBackend({
      seed: Number(params.get('seed') ?? '7'),
      conversations: Number(params.get('conversations') ?? '120'),
      latencyMs: [latency, latency * 2],
      deliveryMs: [50, 150],
      uploadBytesPerSecond: Number(params.get('upload') ?? '400000'),
    });
const token = params.get('token') ?? '';
const reconnect = params.get('reconnect')?.split(',').map(Number);
const transport: Transport = backend
  ? backend.connect(MAIN_ACCOUNT_ID)
  : createHttpTransport({
      baseUrl: params.get('server') ?? '',
      getToken: () => token,
      ...(reconnect?.length === 2 ? { reconnectDelayMs: [reconnect[0]!, reconnect[1]!] as const } : {}),
    });
const tabs = params.get('tabs');
// `retry=base,longest` (ms): the reads' and sends' backoff, shorter than a person's defaults.
const retry = params.get('retry')?.split(',').map(Number);
const client = createMessagesClient({
  transport,
  ...(retry?.length === 2 ? { retry: { baseDelayMs: retry[0]!, maxDelayMs: retry[1]! } } : {}),
  ...(tabs
    ? {
        cache: createIndexedDbCache({ accountId: params.get('account') ?? MAIN_ACCOUNT_ID, userId: tabs }),
        tabs,
      }
    : {}),
});

// Notifications the app shows, recorded so the test can read what a person would see.
const notifications: SmsTestHooks['notifications'] = [];
if (typeof Notification !== 'undefined') {
  const Original = Notification;
  class RecordingNotification extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      notifications.push({
        title,
        body: options?.body ?? '',
        click: () => this.onclick?.call(this, new Event('click')),
      });
      window.smsTestNotified?.(options?.body ?? '');
    }
  }
  window.Notification = RecordingNotification as typeof Notification;
}

/** Reads straight from the memory backend (the request pipeline, with its latency). */
async function all<T>(
  read: (cursor: string | undefined) => Promise<{ items: readonly T[]; next: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    items.push(...page.items);
    if (!page.next) return items;
    cursor = page.next;
  }
}

window.smsTest = {
  backend,
  client,
  notifications,
  contacts: (query) => backend!.handle(MAIN_ACCOUNT_ID, 'searchContacts', { query, limit: 20 }),
  scheduled: async (conversationId) => [
    ...(await backend!.handle(MAIN_ACCOUNT_ID, 'listScheduled', { conversationId })),
  ],
  conversations: () =>
    all(async (cursor) => {
      const page = await backend!.handle(MAIN_ACCOUNT_ID, 'listConversations', { cursor, limit: 200 });
      return { items: page.conversations, next: page.nextCursor };
    }),
  messages: async (conversationId) =>
    (
      await all(async (cursor) => {
        const page = await backend!.handle(MAIN_ACCOUNT_ID, 'listMessages', {
          conversationId,
          before: cursor,
          limit: 200,
        });
        return { items: page.messages, next: page.olderCursor };
      })
    ).sort((a, b) => a.createdAt - b.createdAt),
};

const provider = document.createElement('sms-provider');
provider.client = client;
const messages = document.createElement('sms-messages');
messages.notifications = true;
messages.titleBadge = true;
messages.faviconBadge = true;
messages.captureLinks = 'sms';
messages.replyVariables = { company: 'Acme Dental' };
messages.addEventListener('sms-unread-change', (e) => {
  document.getElementById('unread-dot')!.hidden = e.detail.total === 0;
});
provider.append(messages);
document.getElementById('app')!.append(provider);
