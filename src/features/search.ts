/**
 * The search feature of the whole app, loaded on first use (decision 0027): `<sms-search>`, the
 * local search index and the list narrowed by a query. In the single file this module is
 * `sms-elements.search.js`, next to `sms-elements.bundle.js`; its exports are the search API.
 */
import { SmsSearch } from '../components/search/search.js';
import type { SmsElement } from '../internal/sms-element.js';

export { SmsSearch };
export { ListSearchController, conversationMatcher } from '../search/list-match.js';
export { SearchIndex, searchIndexFor } from '../search/search-index.js';
export { SearchSession } from '../search/search-session.js';
export { searchDatabaseName } from '../search/search-db.js';

/** The feature's elements, by the tag `<sms-messages>` renders them under. */
export const elements: Readonly<Record<string, typeof SmsElement>> = { 'sms-search': SmsSearch };
