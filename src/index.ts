/**
 * sms-elements: web components for business texting.
 * This entry has no side effects: import `sms-elements/define` (or one element's define module)
 * to register the tags.
 * @packageDocumentation
 */
export * from './api.js';
// The features `<sms-messages>` loads on first use (decision 0027), here as ordinary exports.
export { SmsMediaViewer } from './components/media-viewer/media-viewer.js';
export { SmsSearch } from './components/search/search.js';
export { SearchIndex, searchIndexFor } from './search/search-index.js';
export { SearchSession } from './search/search-session.js';
export { searchDatabaseName } from './search/search-db.js';
export { SmsMediaFiles } from './components/media-files/media-files.js';
