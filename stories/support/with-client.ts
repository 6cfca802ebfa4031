import { html } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend, MemoryBackendOptions } from '../../src/transport/memory/index.js';

/** Story parameters read by {@link withClient}. */
export interface ClientParameters {
  /** Options of the demo backend (latency, seed, data size…). */
  readonly backend?: MemoryBackendOptions;
  /** Which account: 0 has numbers, 1 has none (the "Oops" state). */
  readonly account?: number;
  /** Runs after the client is created, e.g. to take the network down. */
  readonly setup?: (backend: MemoryBackend, client: MessagesClient) => void | Promise<void>;
  /** Wrapper attributes: `lang`, `dir`, `theme`, and the size of the frame. */
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
  readonly width?: string;
  readonly height?: string;
}

let current: { backend: MemoryBackend; client: MessagesClient } | undefined;

/** The story's backend and client, for play functions. */
export function storyRig(): { backend: MemoryBackend; client: MessagesClient } {
  if (!current) throw new Error('No client: the story is not wrapped in withClient.');
  return current;
}

/** Wraps a story in `<sms-provider>` with a client over a fresh demo backend. */
export const withClient: Decorator = (story, context) => {
  const params = (context.parameters['client'] ?? {}) as ClientParameters;
  current?.client.destroy();
  current?.backend.dispose();
  const backend = createMemoryBackend({ latencyMs: [60, 200], seed: 7, ...params.backend });
  const client = createMessagesClient({
    transport: backend.connect(backend.accounts[params.account ?? 0]!.id),
  });
  current = { backend, client };
  void params.setup?.(backend, client);
  return html`<div
    lang=${params.lang ?? 'en'}
    dir=${params.dir ?? 'ltr'}
    style="width: ${params.width ?? '100%'}; height: ${params.height ?? '560px'}; display: flex; flex-direction: column;"
  >
    <sms-provider .client=${client}>${story()}</sms-provider>
  </div>`;
};

/** Polls `check` until it returns a value (for play functions); fails after `timeout` ms. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeout = 5000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Setup that opens the newest conversation matching `which` in the client (elements follow the selection). */
export function selectConversation(
  which: (c: { participants: readonly string[]; ownNumber: string }) => boolean = () => true,
) {
  return async (_backend: MemoryBackend, client: MessagesClient): Promise<void> => {
    await client.start();
    const c = client.getState().conversations.find(which);
    if (c) client.selectConversation(c.id);
  };
}
