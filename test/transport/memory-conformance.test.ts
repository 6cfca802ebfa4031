import { runTransportConformance } from '../../src/transport/conformance.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';

runTransportConformance(
  () => {
    const backend = createMemoryBackend({ latencyMs: 0, conversations: 30, deliveryMs: [10, 20] });
    const accountId = backend.accounts[0]!.id;
    return {
      transport: backend.connect(accountId),
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
