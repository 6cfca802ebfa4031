/**
 * Spanish, opt in: `import 'sms-elements/i18n/es';` once, and every element whose language is
 * `es` (or `es-*`) speaks Spanish. Without it they fall back to English, and the Spanish terms
 * are not in the page's code (decision 0016).
 */
import { registerTranslation } from './registry.js';
import { es } from './es-table.js';

registerTranslation('es', es);

export { es };
