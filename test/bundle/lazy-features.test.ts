// The whole-app bundle as a page loads it (decision 0027): the built `sms-elements.bundle.js`
// (`npm run build` first), served with its feature files by test/helpers/bundle-files-plugin.mjs.
// Search and the media viewer are files of their own, loaded when first needed and prefetched
// when the page is idle. A feature file that cannot be fetched, and "Try again", are checked by
// the `csp` step (scripts/check-csp.mjs): the test runner's browser session keeps a failed module
// fetch failed for the page (a second import() of it sends no request), where a plain Chromium
// page fetches it again.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { optionId } from '../../src/components/conversation-list/conversation-row.js';
import { centre } from '../helpers/pointer.js';
import { until } from '../helpers/wait.js';
import type * as BundleModule from '../../src/bundle.js';
import type * as MemoryModule from '../../src/transport/memory/index.js';

type Bundle = typeof BundleModule;
type Memory = typeof MemoryModule;

const BASE = '/bundle-under-test/';
const PERSON = '+12025550177';

/** The red pixel PNG of a received photo (a data URL, as a server could send). */
const PHOTO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ `${BASE}${file}`) as Promise<T>;

const shadow = (el: Element) => el.shadowRoot!;

describe('the whole-app bundle: features loaded on first use', () => {
  let app: HTMLElement;
  let backend: ReturnType<Memory['createMemoryBackend']>;

  before(async () => {
    const { createMessagesClient } = await load<Bundle>('sms-elements.bundle.js');
    const { createMemoryBackend } = await load<Memory>('memory.bundle.js');
    backend = createMemoryBackend({ latencyMs: 0 });
    const provider = document.createElement('sms-provider') as HTMLElement & { client: unknown };
    app = document.createElement('sms-messages');
    app.style.cssText = 'display: block; height: 600px; width: 960px';
    provider.append(app);
    document.body.append(provider);
    provider.client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
  });

  after(async () => {
    await resetMouse();
    app.closest('sms-provider')?.remove();
  });

  it('an image opens in the media viewer, loaded when it is clicked', async () => {
    const message = await backend.receive({
      from: PERSON,
      to: backend.accounts[0]!.numbers[0]!.number,
      text: '',
      attachments: [
        { id: 'photo-1', name: 'site.png', type: 'image/png', size: 70, url: PHOTO, width: 1, height: 1 },
      ],
    });
    const list = shadow(app).querySelector('sms-conversation-list')!;
    const row = await until(
      () => shadow(list).querySelector<HTMLElement>(`#${optionId(message.conversationId)}`),
      'the chat is listed',
    );
    row.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'click', position: centre(row) });
    const thread = await until(() => shadow(app).querySelector('sms-thread'), 'the chat opens');
    const photo = await until(
      () => shadow(thread).querySelector<HTMLElement>('[part~="attachment"]'),
      'the photo is shown',
    );
    await sendMouse({ type: 'click', position: centre(photo) });
    const viewer = await until(() => shadow(app).querySelector('sms-media-viewer'), 'the viewer arrives');
    await until(() => shadow(viewer).querySelector('dialog')?.open, 'and opens');
    expect(shadow(viewer).textContent).to.contain('site.png');
    await sendKeys({ press: 'Escape' });
    await until(() => !shadow(viewer).querySelector('dialog')?.open, 'closed');
  });

  it('search: the field is there at once; clicked and typed in, search loads and keeps what was typed', async () => {
    const field = await until(
      () => shadow(app).querySelector<HTMLInputElement>('.search-stand-in input, sms-search'),
      'the search field is drawn',
    );
    const input = field.localName === 'sms-search' ? shadow(field).querySelector('input')! : field;
    expect(input.getAttribute('aria-label')).to.equal('Search');
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ type: 'Rosa' });
    const search = await until(
      () => shadow(app).querySelector<HTMLElement & { value: string }>('sms-search'),
      'search arrives',
    );
    await until(() => search.value === 'Rosa', 'with what was typed');
    await until(() => shadow(search).activeElement?.localName === 'input', 'and the focus in its field');
    expect(shadow(app).querySelector('.feature-load'), 'no message').to.equal(null);
  });
});
