// The exported transport conformance suite, run against the HTTP transport and the reference
// server over real HTTP on 127.0.0.1 (TypeScript sources loaded with tsx).
import { describe, it } from 'node:test';
import { register } from 'tsx/esm/api';

register();
Object.assign(globalThis, { describe, it });
const { runTransportConformance } = await import('../../src/transport/conformance.ts');
const { startTestServer, ADMIN_KEY, MAIN_ACCOUNT_ID, SECOND_TOKEN } = await import('./http/harness.ts');

runTransportConformance(
  async () => {
    const harness = await startTestServer();
    const admin = async (path, body, status) => {
      const response = await fetch(`${harness.url}/admin${path}`, {
        method: 'POST',
        headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== status) throw new Error(`POST /admin${path} answered ${response.status}`);
    };
    return {
      transport: harness.transport(),
      hooks: {
        receive: (from, text, to) => admin(`/accounts/${MAIN_ACCOUNT_ID}/inbound`, { from, text, to }, 201),
        rateLimitNext: () => admin('/faults', { rateLimitNext: 1 }, 200),
        dropPushConnection: () =>
          admin('/faults', { dropEventStreams: true, accountId: MAIN_ACCOUNT_ID }, 200),
        // Another tab: a second transport with the same token (the harness closes it).
        connectSecondSession: () => harness.transport(),
        // The seeded second account (Globex), signed in with its own token.
        connectOtherAccount: () => harness.transport(SECOND_TOKEN),
        dispose: () => harness.close(),
      },
    };
  },
  { name: 'HTTP transport against the reference server', eventTimeoutMs: 5000 },
);
