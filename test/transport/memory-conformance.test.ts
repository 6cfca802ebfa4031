import { runTransportConformance } from '../../src/transport/conformance.js';
import type { ConformanceSubject } from '../../src/transport/conformance.js';
import { createMemoryTransport } from '../../src/transport/memory/index.js';
import type { MemoryTransportOptions } from '../../src/transport/memory/index.js';

/** The memory backend with every hook the suite uses. */
function subject(
  options: MemoryTransportOptions,
  setUp?: (t: ReturnType<typeof createMemoryTransport>) => void,
): ConformanceSubject {
  const transport = createMemoryTransport(options);
  setUp?.(transport);
  const { backend, accountId } = transport;
  return {
    transport,
    hooks: {
      receive: async (from, text, to) => {
        await backend.receive({ accountId, from, text, to });
      },
      rateLimitNext: () => backend.rateLimitNext(1),
      dropPushConnection: () => {
        backend.setOffline(true);
        backend.setOffline(false);
      },
      connectSecondSession: () => backend.connect(accountId),
      connectOtherAccount: () => backend.connect(backend.accounts.find((a) => a.id !== accountId)!.id),
      dispose: () => backend.dispose(),
    },
  };
}

runTransportConformance(
  () =>
    subject({
      latencyMs: 0,
      conversations: 30,
      deliveryMs: [10, 20],
      uploadBytesPerSecond: 10_000_000,
    }),
  { name: 'memory backend conformance' },
);

runTransportConformance(
  // The demo's settings: latency, slower uploads, carrier failures.
  () =>
    subject(
      {
        latencyMs: [5, 30],
        seed: 9,
        conversations: 60,
        deliveryMs: [20, 40],
        uploadBytesPerSecond: 20_000_000,
      },
      (t) => t.backend.setCarrierFailureRate(0.5),
    ),
  { name: 'memory backend conformance (with latency and carrier failures)' },
);
