import { createContext } from '@lit/context';
import type { MessagesClient } from '../store/client.js';

/**
 * The context every element reads its client from. The key is global (`Symbol.for`) so two
 * copies of the library on one page still find each other's provider.
 */
export const clientContext = createContext<MessagesClient | undefined>(Symbol.for('sms-elements/client@1'));
