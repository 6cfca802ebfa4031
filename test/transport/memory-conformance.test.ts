import { runTransportConformance } from '../../src/transport/conformance.js';
import { createMemoryTransport } from '../../src/transport/memory/index.js';

runTransportConformance(
  () => {
    const transport = createMemoryTransport({
      latencyMs: 0,
      conversations: 30,
      deliveryMs: [10, 20],
      uploadBytesPerSecond: 10_000_000,
    });
    const { backend, accountId } = transport;
    return {
      transport,
      hooks: {
        receive: async (from, text) => {
          await backend.receive({ accountId, from, text });
        },
        dispose: () => backend.dispose(),
      },
    };
  },
  { name: 'memory backend conformance' },
);

runTransportConformance(
  () => {
    // The demo's settings (latency, slower uploads, carrier failures), without the hooks.
    const transport = createMemoryTransport({
      latencyMs: [5, 30],
      seed: 9,
      conversations: 60,
      deliveryMs: [20, 40],
    });
    transport.backend.setCarrierFailureRate(0.5);
    return { transport, hooks: { dispose: () => transport.backend.dispose() } };
  },
  { name: 'memory backend conformance (with latency, no hooks)' },
);
