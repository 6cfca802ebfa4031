/**
 * The media feature of the whole app, loaded on first use (decision 0027): the media viewer and
 * "Media & files". In the single file this module is `sms-elements.media.js`, next to
 * `sms-elements.bundle.js`; its exports are the two element classes.
 */
import { SmsMediaFiles } from '../components/media-files/media-files.js';
import { SmsMediaViewer } from '../components/media-viewer/media-viewer.js';
import type { SmsElement } from '../internal/sms-element.js';

export { SmsMediaFiles, SmsMediaViewer };

/** The feature's elements, by the tag `<sms-messages>` and `<sms-thread>` render them under. */
export const elements: Readonly<Record<string, typeof SmsElement>> = {
  'sms-media-viewer': SmsMediaViewer,
  'sms-media-files': SmsMediaFiles,
};
