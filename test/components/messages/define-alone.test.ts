import { expect } from '@open-wc/testing';
// Only the messages element's define module: nothing else registers a tag in this page.
import '../../../src/components/messages/messages.define.js';
import { createMessagesClient } from '../../../src/store/client.js';
import { createMemoryBackend } from '../../../src/transport/memory/index.js';
import { until } from '../../helpers/wait.js';

const CHILDREN = [
  'sms-conversation-list',
  'sms-new-conversation',
  'sms-thread',
  'sms-composer',
  'sms-media-viewer',
  'sms-search',
];
/** Rendered by the children: the composer's "Send later", the thread's scheduled list and "Media & Files". */
const GRANDCHILDREN = ['sms-send-later', 'sms-scheduled-list', 'sms-media-files'];
/** Loaded on first use or once the page is idle after <sms-messages> is shown (decision 0027). */
const ON_DEMAND = ['sms-media-viewer', 'sms-search', 'sms-media-files'];

describe('sms-messages/messages.define.js alone', () => {
  it('registers every element <sms-messages> renders at once; the media viewer and search when they load', () => {
    expect(
      ['sms-messages', ...CHILDREN, ...GRANDCHILDREN].filter(
        (tag) => !ON_DEMAND.includes(tag) && !customElements.get(tag),
      ),
    ).to.deep.equal([]);
  });

  it('renders its children as upgraded elements', async () => {
    const backend = createMemoryBackend({ latencyMs: 0, conversations: 3 });
    const client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
    const el = document.createElement('sms-messages');
    el.client = client;
    document.body.append(el);
    try {
      const rendered = () =>
        [...el.shadowRoot!.querySelectorAll('*')].filter((c) => CHILDREN.includes(c.localName));
      await until(() => rendered().length > 0, 'the app shows its list and thread', 8000);
      for (const child of rendered()) {
        expect(child.shadowRoot, `${child.localName} is upgraded and rendered`).to.not.equal(null);
      }
      await until(
        () => ON_DEMAND.every((tag) => customElements.get(tag)),
        'the media viewer and search are registered once the page is idle',
        8000,
      );
    } finally {
      el.remove();
      client.destroy();
      backend.dispose();
    }
  });
});
