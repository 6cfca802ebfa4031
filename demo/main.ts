// The demo portal: the library embedded in a sample page, against the built-in demo backend.
// `window.smsDemo` is the backend: inject inbound messages or failures from the console.
// With `npm run start:http` (or `?backend=http`) it talks to the reference server of `npm run server`
// instead (docs/http-protocol.md): restart that server and the messages are still there;
// `npm start -- --backend=http` starts that server and this demo in one command.
// The client keeps an IndexedDB cache: a reload paints the list at once, then revalidates.
import '../src/define.js';
// The portal offers Spanish: opt in (decision 0016).
import '../src/i18n/es.js';
import { createIndexedDbCache, createMessagesClient } from '../src/index.js';
import type { MessagesClient } from '../src/index.js';
import { createMemoryBackend } from '../src/transport/memory/index.js';
import type { MemoryBackend } from '../src/transport/memory/index.js';
import { createHttpTransport } from '../src/transport/http/index.js';
import type { HttpTransport } from '../src/transport/http/index.js';

declare global {
  interface Window {
    smsDemo: MemoryBackend;
    smsClient: MessagesClient;
  }
}

const env = (import.meta as ImportMeta & { env?: Record<string, string | undefined> }).env ?? {};
const params = new URLSearchParams(location.search);
const useHttp = (params.get('backend') ?? env['VITE_SMS_BACKEND']) === 'http';
/** The reference server and its demo tokens (see `npm run server`). */
const SERVER_URL = params.get('server') ?? env['VITE_SMS_SERVER_URL'] ?? 'http://127.0.0.1:8787';
const HTTP_ACCOUNTS = [
  { id: 'acct-acme', name: 'Acme Field Services', token: 'demo-acme' },
  { id: 'acct-globex', name: 'Globex Dispatch', token: 'demo-globex' },
];
let httpTransport: HttpTransport | undefined;

const backend = createMemoryBackend({ latencyMs: [120, 400], seed: 7 });
window.smsDemo = backend;

/**
 * A customer with a real-format number (London, from the UK's range for drama): the demo's other
 * numbers are the fictional 555-01XX ones, which quiet hours leave alone on purpose. Texting her
 * between 9 PM and 8 AM London time asks first, and so does scheduling a text for such a time.
 */
const LONDON = { number: '+442079460958', firstName: 'Olivia', lastName: 'Bennett' };
if (!useHttp) {
  const account = backend.accounts.find((a) => a.numbers.length)!;
  void backend
    .connect(account.id)
    .sendMessage({
      clientId: 'demo-london-1',
      from: account.numbers[0]!.number,
      to: [LONDON.number],
      text: 'Hi Olivia, your boiler service is booked. We will text you the day before.',
      attachmentIds: [],
    })
    .catch(() => undefined);
}

const app = document.getElementById('app')!;
const accountSelect = document.getElementById('account') as HTMLSelectElement;
const stateView = document.getElementById('state')!;
let client: MessagesClient | undefined;
let stopStateView: (() => void) | undefined;

const accountChoices = useHttp
  ? HTTP_ACCOUNTS.map((a) => ({ id: a.id, label: a.name }))
  : backend.accounts.map((a) => ({ id: a.id, label: a.numbers.length ? a.name : `${a.name} (no number)` }));
for (const account of accountChoices) {
  const option = document.createElement('option');
  option.value = account.id;
  option.textContent = account.label;
  accountSelect.append(option);
}

/** The portal's shared saved replies (the transport's personal ones show next to them). */
const DEMO_REPLIES = [
  {
    title: 'On the way',
    text: 'Hi {first_name}, this is {agent_name} from {company}. Your technician is on the way.',
  },
  {
    title: 'Visit reminder',
    text: 'Hi {first_name}, a reminder of your visit {next_visit}. Reply C to confirm or R to reschedule.',
  },
  { title: 'Thanks', text: 'Thank you, {first_name}! — {company}' },
];

/** A stable made-up "next visit" for a customer's number. */
function nextVisit(number: string): string {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  const n = [...number].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return `on ${days[n % days.length]} at ${8 + (n % 8)}:00`;
}

function connect(accountId: string) {
  if (!useHttp) return backend.connect(accountId);
  httpTransport?.close();
  const token = HTTP_ACCOUNTS.find((a) => a.id === accountId)!.token;
  httpTransport = createHttpTransport({ baseUrl: SERVER_URL, getToken: () => token });
  return httpTransport;
}

/** An inbound text through the reference server's admin route (its dev key). */
async function receiveOverHttp(): Promise<void> {
  const state = client?.getState();
  const chat = state?.conversations.find((c) => c.participants.length === 1);
  if (!state?.account || !chat) return;
  await fetch(`${SERVER_URL}/admin/accounts/${encodeURIComponent(state.account.id)}/inbound`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Admin-Key': 'dev-admin-key' },
    body: JSON.stringify({
      from: chat.participants[0],
      to: chat.ownNumber,
      text: 'Hi! Sent through the reference server.',
    }),
  });
}

function mount(accountId: string): void {
  stopStateView?.();
  client?.destroy();
  client = createMessagesClient({
    transport: connect(accountId),
    // One cache per account and backend: the memory backend's data is not the server's.
    cache: createIndexedDbCache({ accountId, userId: useHttp ? 'demo-http' : 'demo-memory' }),
    // Tabs of the reference server share one push subscription and log each message once; each tab
    // of the memory backend has a backend of its own, so it leads itself.
    ...(useHttp ? { tabs: `${accountId}:demo` } : {}),
  });
  window.smsClient = client;
  app.replaceChildren();
  const provider = document.createElement('sms-provider');
  provider.client = client;
  const messages = document.createElement('sms-messages');
  messages.notifications = true;
  messages.titleBadge = true;
  messages.faviconBadge = true;
  messages.captureLinks = 'sms';
  // Saved replies ("/" in the composer, or its replies button): {first_name} and {last_name} come
  // from the chat's contact, {agent_name} from the signed-in user, the rest from this "CRM".
  messages.savedReplies = DEMO_REPLIES;
  messages.replyVariables = (conversation) => {
    const number = conversation?.participants.length === 1 ? conversation.participants[0]! : '';
    return {
      // The CRM knows the London customer's name (the demo backend has no contact for her).
      ...(number === LONDON.number ? { first_name: LONDON.firstName, last_name: LONDON.lastName } : {}),
      // The portal's company: the memory backend's accounts are named after their user (the
      // agent), the reference server's after the business.
      company: useHttp
        ? (accountSelect.selectedOptions[0]?.textContent ?? 'Acme Field Services')
        : 'Acme Field Services',
      // A made-up CRM record per customer: the next visit, when the chat has one customer.
      next_visit: number ? nextVisit(number) : null,
    };
  };
  messages.addEventListener('sms-unread-change', (e) => {
    document.getElementById('unread-dot')!.hidden = e.detail.total === 0;
  });
  const crmLog = document.getElementById('crm-log')!;
  crmLog.replaceChildren();
  for (const type of [
    'sms-message-sent',
    'sms-message-delivered',
    'sms-message-failed',
    'sms-message-received',
  ] as const) {
    messages.addEventListener(type, (e) => {
      const item = document.createElement('li');
      const who = e.detail.conversation.title ?? e.detail.conversation.participants.join(', ');
      item.textContent = `${type.slice('sms-message-'.length)} · ${who} · ${e.detail.message.text.slice(0, 40)}`;
      crmLog.prepend(item);
      while (crmLog.children.length > 8) crmLog.lastElementChild!.remove();
    });
  }
  provider.append(messages);
  app.append(provider);
  const sub = client.state$.subscribe((s) => {
    stateView.textContent = JSON.stringify(
      {
        account: s.account?.name ?? null,
        numbers: s.account?.numbers.map((n) => `${n.number} (${n.kind})`) ?? [],
        conversations: s.conversations.length,
        complete: s.conversationsComplete,
        unread: s.conversations.reduce((n, c) => n + c.unreadCount, 0),
        selected: s.selectedConversationId,
        openThreads: Object.keys(s.threads).length,
        connection: s.connection,
      },
      null,
      2,
    );
  });
  stopStateView = () => sub.unsubscribe();
}

accountSelect.addEventListener('change', () => mount(accountSelect.value));
mount(accountChoices[0]!.id);

document.getElementById('lang')!.addEventListener('change', (e) => {
  document.documentElement.lang = (e.target as HTMLSelectElement).value;
});
document.getElementById('theme')!.addEventListener('change', (e) => {
  const theme = (e.target as HTMLSelectElement).value;
  document.querySelector('sms-messages')?.setAttribute('theme', theme);
  document.documentElement.style.colorScheme = theme === 'auto' ? 'light dark' : theme;
});

const offline = document.getElementById('offline')!;
offline.addEventListener('click', () => {
  const next = offline.getAttribute('aria-pressed') !== 'true';
  backend.setOffline(next);
  offline.setAttribute('aria-pressed', String(next));
  offline.textContent = next ? 'Go online' : 'Go offline';
});
document.getElementById('fail')!.addEventListener('click', () => backend.failNextSends(1));
document
  .getElementById('receive')!
  .addEventListener('click', () => void (useHttp ? receiveOverHttp() : backend.receive({})));
document
  .getElementById('receive-media')!
  .addEventListener('click', () => void backend.receive({ withAttachment: true }));
// An iPhone's tapback on the open chat's last text of yours, as it reaches an SMS user: a text
// that the thread shows as a reaction on the quoted message.
document.getElementById('receive-reaction')!.addEventListener('click', () => {
  const state = client?.getState();
  const id = state?.selectedConversationId;
  const mine = id
    ? state.threads[id]?.messages.findLast((m) => m.direction === 'outbound' && m.text)
    : undefined;
  if (!id || !mine) return;
  void backend.receive({ conversationId: id, text: `Loved “${mine.text}”` });
});
const auto = document.getElementById('auto') as HTMLInputElement;
let httpTimer: ReturnType<typeof setInterval> | undefined;
const syncAuto = () => {
  clearInterval(httpTimer);
  if (useHttp) httpTimer = auto.checked ? setInterval(() => void receiveOverHttp(), 20_000) : undefined;
  else if (auto.checked) backend.startDemo({ intervalMs: 20_000 });
  else backend.stopDemo();
};
auto.addEventListener('change', syncAuto);
syncAuto();
if (useHttp) {
  // These simulate the memory backend's network; the reference server has its own admin API.
  for (const id of ['receive-media', 'receive-reaction', 'offline', 'fail'])
    document.getElementById(id)!.hidden = true;
  document.querySelector('.controls h2')!.textContent = `Reference server (${SERVER_URL})`;
  document.querySelector('.controls p')!.textContent = 'Restart `npm run server`: the messages stay.';
}
