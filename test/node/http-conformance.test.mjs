// The exported transport conformance suite, run against the HTTP transport and the reference
// server over real HTTP on 127.0.0.1 (TypeScript sources loaded with tsx).
import { describe, it } from 'node:test';
import { register } from 'tsx/esm/api';

register();
Object.assign(globalThis, { describe, it });
const { runTransportConformance } = await import('../../src/transport/conformance.ts');
const { startTestServer, ADMIN_KEY, MAIN_ACCOUNT_ID } = await import('./http/harness.ts');

runTransportConformance(
  async () => {
    const harness = await startTestServer();
    const transport = harness.transport();
    return {
      transport,
      hooks: {
        receive: async (from, text) => {
          await transport.ready();
          const response = await fetch(`${harness.url}/admin/accounts/${MAIN_ACCOUNT_ID}/inbound`, {
            method: 'POST',
            headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
            body: JSON.stringify({ from, text }),
          });
          if (response.status !== 201) throw new Error(`inbound failed: ${response.status}`);
        },
        dispose: () => harness.close(),
      },
    };
  },
  { name: 'HTTP transport against the reference server', eventTimeoutMs: 5000 },
);
