import { appEs } from './terms/app.js';
import { commonEs } from './terms/common.js';
import { composerEs } from './terms/composer.js';
import { jumpEs } from './terms/jump.js';
import { listEs } from './terms/list.js';
import { mediaFilesEs } from './terms/media-files.js';
import { pickerEs } from './terms/picker.js';
import { reactionsEs } from './terms/reactions.js';
import { repliesEs } from './terms/replies.js';
import { scheduleEs } from './terms/schedule.js';
import { searchEs } from './terms/search.js';
import { threadEs } from './terms/thread.js';
import { viewerEs } from './terms/viewer.js';
import type { Translation } from './translation.js';

/**
 * The Spanish table: plain data, no side effect. `sms-elements/i18n/es` registers it; the
 * single-file build ships it as `sms-elements.es.js` for `registerTranslation('es', es)`.
 */
export const es: Translation = {
  ...commonEs,
  ...listEs,
  ...pickerEs,
  ...threadEs,
  ...composerEs,
  ...viewerEs,
  ...appEs,
  ...searchEs,
  ...jumpEs,
  ...reactionsEs,
  ...mediaFilesEs,
  ...repliesEs,
  ...scheduleEs,
};
