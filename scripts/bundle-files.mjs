// The files of the single-file build (decision 0027): `sms-elements.bundle.js`, loaded by the page,
// and the features it loads on first use from next to itself. Hosting the bundle means hosting
// these together (docs/embedding.md); scripts that copy or serve the bundle copy all of them.
export const BUNDLE_MAIN = 'sms-elements.bundle.js';
export const BUNDLE_FEATURES = ['sms-elements.media.js', 'sms-elements.search.js'];
export const BUNDLE_FILES = [BUNDLE_MAIN, ...BUNDLE_FEATURES];
