/** Registers every sms-elements tag under its default name. */
import './components/provider/provider.define.js';
import './components/conversation-list/conversation-list.define.js';
import './components/new-conversation/new-conversation.define.js';
import './components/messages/messages.define.js';
import './components/thread/thread.define.js';
import './components/composer/composer.define.js';
import './components/send-later/send-later.define.js';
import './components/scheduled-list/scheduled-list.define.js';
import './components/media-viewer/media-viewer.define.js';
import './components/search/search.define.js';
import './components/media-files/media-files.define.js';
