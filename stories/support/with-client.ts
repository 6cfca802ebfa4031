import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
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

interface StoryRig {
  readonly backend: MemoryBackend;
  readonly client: MessagesClient;
  /** The story's wrapper, once rendered: a rig whose wrapper left the page is destroyed. */
  wrapper?: Element | undefined;
}

/** The rigs of the stories on the page: one on a story's page, one per story on a docs page. */
const rigs = new Set<StoryRig>();
let current: StoryRig | undefined;

/** Destroys the rigs whose story is no longer on the page (the rest are in use). */
function sweep(): void {
  for (const rig of rigs) {
    if (rig.wrapper && !rig.wrapper.isConnected) {
      rigs.delete(rig);
      rig.client.destroy();
      rig.backend.dispose();
    }
  }
}

/** The backend and client of the story rendered last, for play functions. */
export function storyRig(): { backend: MemoryBackend; client: MessagesClient } {
  if (!current) throw new Error('No client: the story is not wrapped in withClient.');
  return current;
}

/**
 * Wraps a story in `<sms-provider>` with a client over a fresh demo backend. Each story has its
 * own: a docs page shows several stories at once, and none may lose its client to another.
 */
export const withClient: Decorator = (story, context) => {
  const params = (context.parameters['client'] ?? {}) as ClientParameters;
  sweep();
  const backend = createMemoryBackend({ latencyMs: [60, 200], seed: 7, ...params.backend });
  const client = createMessagesClient({
    transport: backend.connect(backend.accounts[params.account ?? 0]!.id),
  });
  const rig: StoryRig = { backend, client };
  rigs.add(rig);
  current = rig;
  // A story re-rendered (new args) replaces its wrapper: the old rig goes once it is off the page.
  setTimeout(sweep, 1000);
  void Promise.resolve(params.setup?.(backend, client)).catch((error: unknown) => {
    // A story left before its setup ended (a reviewer clicking on): its client was destroyed
    // under the setup on purpose. Any other failure is the story's own and is reported.
    if (rigs.has(rig)) throw error;
  });
  return html`<div
    ${ref((el) => {
      if (el) rig.wrapper = el;
    })}
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
