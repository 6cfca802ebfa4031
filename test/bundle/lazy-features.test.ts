// The whole-app bundle as a page loads it (decision 0027): the built `sms-elements.bundle.js`
// (`npm run build` first), served with its feature files by test/helpers/bundle-files-plugin.mjs.
// Search and the media viewer are files of their own, loaded when first needed and prefetched
// when the page is idle; a file that cannot be fetched is said, and "Try again" recovers.
import { expect } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
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
    // Offline before the prefetch: the feature files are not there when the page is idle.
    await executeServerCommand('bundle-feature-files', { available: false });
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
    await executeServerCommand('bundle-feature-files', { available: true });
  });

  it('search whose file cannot be fetched says so, keeps what was typed, and "Try again" opens it', async () => {
    const field = await until(
      () => shadow(app).querySelector<HTMLInputElement>('.search-stand-in input'),
      'the search field is drawn before search has loaded',
    );
    expect(field.getAttribute('aria-label')).to.equal('Search');
    await sendMouse({ type: 'click', position: centre(field) });
    await sendKeys({ type: 'Rosa' });
    const alert = await until(
      () => shadow(app).querySelector<HTMLElement>('.feature-load[role="alert"]'),
      'the person is told the part could not be loaded',
    );
    expect(alert.textContent).to.contain('could not be loaded');
    expect(field.value, 'what was typed is kept').to.equal('Rosa');

    await executeServerCommand('bundle-feature-files', { available: true });
    await sendMouse({ type: 'click', position: centre(alert.querySelector('button')!) });
    const search = await until(
      () => shadow(app).querySelector<HTMLElement & { value: string }>('sms-search'),
      'search arrives',
    );
    await until(() => search.value === 'Rosa', 'with what was typed');
    expect(shadow(app).querySelector('.feature-load'), 'the message is gone').to.equal(null);
    await until(() => shadow(search).activeElement?.tagName === 'INPUT', 'and the focus in its field');
  });

  it('an image opens in the media viewer, loaded when it is clicked', async () => {
    await backend.receive({
      from: PERSON,
      to: backend.accounts[0]!.numbers[0]!.number,
      text: '',
      attachments: [
        { id: 'photo-1', name: 'site.png', type: 'image/png', size: 70, url: PHOTO, width: 1, height: 1 },
      ],
    });
    const row = await until(
      () =>
        [
          ...shadow(shadow(app).querySelector('sms-conversation-list')!).querySelectorAll<HTMLElement>(
            '[role="option"]',
          ),
        ].find((r) => r.textContent!.includes('555-0177') || r.textContent!.includes('5550177')),
      'the chat is listed',
    );
    expect(
      shadow(app).querySelector('sms-media-viewer'),
      'the viewer has not loaded (offline at idle)',
    ).to.equal(null);
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
  });
});
