import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { html } from 'lit';
import '../../src/define.js';
// Spanish is opt in (decision 0016): the element tests check both languages.
import '../../src/i18n/es.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient, MessagesClientOptions } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend, MemoryBackendOptions } from '../../src/transport/memory/index.js';

export interface Rig {
  readonly backend: MemoryBackend;
  readonly client: MessagesClient;
  readonly accountId: string;
}

const rigs: Rig[] = [];

/**
 * A memory backend (no latency unless asked) and a started client for its first account
 * (or the account `accountIndex`). Everything is destroyed by {@link cleanupRigs}.
 */
export async function createRig(
  options: Partial<MemoryBackendOptions> & {
    accountIndex?: number;
    client?: Partial<MessagesClientOptions>;
  } = {},
): Promise<Rig> {
  const { accountIndex = 0, client: clientOptions, ...backendOptions } = options;
  const backend = createMemoryBackend({ latencyMs: 0, seed: 1, ...backendOptions });
  const accountId = backend.accounts[accountIndex]!.id;
  const client = createMessagesClient({ transport: backend.connect(accountId), ...clientOptions });
  await client.start();
  const rig = { backend, client, accountId };
  rigs.push(rig);
  return rig;
}

/** Renders `template` inside an `<sms-provider>` with the rig's client; returns the first element child. */
export async function renderWithClient<T extends Element>(rig: Rig, template: TemplateResult): Promise<T> {
  const provider = await fixture<HTMLElement>(
    html`<sms-provider .client=${rig.client}>${template}</sms-provider>`,
  );
  const el = provider.firstElementChild as T;
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** Destroys every rig made by the current test. Call it in `afterEach`. */
export function cleanupRigs(): void {
  for (const rig of rigs.splice(0)) {
    rig.client.destroy();
    (rig.backend as { dispose?: () => void }).dispose?.();
  }
}
