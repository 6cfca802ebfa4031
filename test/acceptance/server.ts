// The reference server as the acceptance suite runs it (test/acceptance/app.mjs starts it with
// tsx): a fresh in-memory database, no carrier failures, no rate limit (the suite reads the
// backend after every step of the model, far more often than an app does), quick deliveries.
//   tsx test/acceptance/server.ts <token> <admin key>
import { createReferenceServer } from '../../server/server.js';
import { MAIN_ACCOUNT_ID } from '../../src/transport/memory/seed.js';

const [token = 'journeys-token', adminKey = 'journeys-admin-key'] = process.argv.slice(2);
const server = createReferenceServer({
  database: ':memory:',
  seed: 7,
  tokens: { [token]: MAIN_ACCOUNT_ID },
  adminKey,
  carrierFailureRate: 0,
  rateLimit: false,
  deliveryMs: [50, 150],
  log: () => undefined,
});
const url = await server.listen(0, '127.0.0.1');
console.log(`reference server on ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
