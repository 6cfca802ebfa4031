/**
 * The single-file build: the whole API with every element registered and every dependency inside.
 * The media viewer with "Media & files" and search are files of their own next to it
 * (`sms-elements.media.js`, `sms-elements.search.js`; decision 0027): `<sms-messages>` loads them
 * when first needed and prefetches them once the page is idle after its first paint, which also
 * registers `<sms-media-viewer>`, `<sms-media-files>` and `<sms-search>` for pages that place them
 * themselves. Their classes: `await loadFeature('media')` / `loadFeature('search')`.
 */
import './components/provider/provider.define.js';
import './components/conversation-list/conversation-list.define.js';
import './components/new-conversation/new-conversation.define.js';
import './components/messages/messages.define.js';
import './components/thread/thread.define.js';
import './components/composer/composer.define.js';
import './components/send-later/send-later.define.js';
import './components/scheduled-list/scheduled-list.define.js';
import { prefetchFeatures } from './features/load.js';

export * from './api.js';

// In a browser (not under Node's SSR build): the features' tags get registered soon after load.
if (typeof window !== 'undefined' && typeof customElements !== 'undefined') prefetchFeatures();
