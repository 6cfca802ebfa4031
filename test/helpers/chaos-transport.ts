import { TransportError } from '../../src/transport/errors.js';
import type { Transport, TransportEvent } from '../../src/transport/transport.js';

/** How unreliable the network is; each rate is a probability per request or event. */
export interface ChaosOptions {
  /** Seeded randomness, so a failing run can be replayed. */
  readonly random: () => number;
  /** The request never reaches the server (`network` error). */
  readonly drop?: number;
  /** The server handles the request, but the answer is lost (`network` error). */
  readonly loseAck?: number;
  /** The request is sent twice (a proxy retried it); the caller sees the first answer. */
  readonly duplicate?: number;
  /** A pushed event is delivered twice. */
  readonly duplicateEvent?: number;
  /** Pushed events are delayed by up to this many ms, so they arrive out of order. */
  readonly reorderMs?: number;
  /** Extra latency per request, up to this many ms. */
  readonly latencyMs?: number;
}

/**
 * Wraps any transport in a flaky network: dropped requests, lost acknowledgements,
 * duplicated requests and events, reordering and latency. Usable by anyone testing a client
 * (or an adapter) against the promises of the transport contract.
 */
export function chaosTransport(inner: Transport, options: ChaosOptions): Transport & { calm(): void } {
  let calm = false;
  const roll = (p: number | undefined) => !calm && p !== undefined && options.random() < p;
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function call<T>(run: () => Promise<T>): Promise<T> {
    if (options.latencyMs) await wait(options.random() * options.latencyMs);
    if (roll(options.drop)) throw new TransportError('network', 'chaos: request dropped');
    if (roll(options.duplicate)) void run().catch(() => undefined);
    const result = await run();
    if (roll(options.loseAck)) throw new TransportError('network', 'chaos: answer lost');
    return result;
  }

  const methods = [
    'getAccount',
    'listConversations',
    'getConversation',
    'findConversation',
    'listMessages',
    'sendMessage',
    'uploadAttachment',
    'deleteMessage',
    'deleteConversation',
    'markRead',
    'markUnread',
    'searchContacts',
  ] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of methods) {
    const method = inner[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => call(() => method.apply(inner, args));
  }
  const result = wrapped as unknown as Transport & { calm(): void };
  result.subscribe = (listener: (event: TransportEvent) => void) =>
    inner.subscribe((event) => {
      const deliver = () => listener(event);
      const delay = options.reorderMs && !calm ? options.random() * options.reorderMs : 0;
      setTimeout(deliver, delay);
      if (roll(options.duplicateEvent)) setTimeout(deliver, delay + options.random() * 20);
    });
  result.calm = () => {
    calm = true;
  };
  return result;
}
