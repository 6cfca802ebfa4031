// The strict-CSP page's script (served as a file: the page has no inline script at all).
import { createMessagesClient } from '/sms-elements.bundle.js';
import { createMemoryBackend } from '/memory.js';

window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
  );
});

const backend = createMemoryBackend({ latencyMs: 20, seed: 5 });
window.__backend = backend;
const client = createMessagesClient({ transport: backend.connect(backend.accounts[0].id) });
const provider = document.createElement('sms-provider');
provider.client = client;
const app = document.createElement('sms-messages');
app.className = 'app';
provider.append(app);
document.body.append(provider);
window.__app = app;
window.__client = client;
