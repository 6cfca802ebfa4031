// The demo portal: the library embedded in a sample page, against the built-in demo backend.
// `window.smsDemo` is the backend: inject inbound messages or failures from the console.
import '../src/define.js';
import { createMessagesClient } from '../src/index.js';
import type { MessagesClient } from '../src/index.js';
import { createMemoryBackend } from '../src/transport/memory/index.js';
import type { MemoryBackend } from '../src/transport/memory/index.js';

declare global {
  interface Window {
    smsDemo: MemoryBackend;
    smsClient: MessagesClient;
  }
}

const backend = createMemoryBackend({ latencyMs: [120, 400], seed: 7 });
window.smsDemo = backend;

const app = document.getElementById('app')!;
const accountSelect = document.getElementById('account') as HTMLSelectElement;
const stateView = document.getElementById('state')!;
let client: MessagesClient | undefined;
let stopStateView: (() => void) | undefined;

for (const account of backend.accounts) {
  const option = document.createElement('option');
  option.value = account.id;
  option.textContent = account.numbers.length ? account.name : `${account.name} (no number)`;
  accountSelect.append(option);
}

function mount(accountId: string): void {
  stopStateView?.();
  client?.destroy();
  client = createMessagesClient({ transport: backend.connect(accountId) });
  window.smsClient = client;
  app.replaceChildren();
  const provider = document.createElement('sms-provider');
  provider.client = client;
  const messages = document.createElement('sms-messages');
  messages.notifications = true;
  messages.titleBadge = true;
  messages.faviconBadge = true;
  messages.addEventListener('sms-unread-change', (e) => {
    document.getElementById('unread-dot')!.hidden = e.detail.total === 0;
  });
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
mount(backend.accounts[0]!.id);

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
document.getElementById('receive')!.addEventListener('click', () => void backend.receive({}));
document
  .getElementById('receive-media')!
  .addEventListener('click', () => void backend.receive({ withAttachment: true }));
const auto = document.getElementById('auto') as HTMLInputElement;
const syncAuto = () => (auto.checked ? backend.startDemo({ intervalMs: 20_000 }) : backend.stopDemo());
auto.addEventListener('change', syncAuto);
syncAuto();
