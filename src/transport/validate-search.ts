import type { MessageSearchPage, MessageSearchResult } from './transport.js';
import { PayloadError, validateMessage } from './validate.js';
import type { Counter } from './validate.js';

const MAX_CURSOR = 4096;

/**
 * A page of `searchMessages` rebuilt from untrusted input (see `validate.ts`): bad results are
 * dropped and counted, a result whose `conversationId` differs from its message's is dropped,
 * and a page that is not one throws {@link PayloadError}.
 */
export function validateSearchPage(value: unknown, dropped: Counter): MessageSearchPage {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError('search page: not an object');
  const o = value as Record<string, unknown>;
  if (!Array.isArray(o['results'])) throw new PayloadError('search page: results is not a list');
  const results: MessageSearchResult[] = [];
  for (const raw of o['results'] as unknown[]) {
    try {
      if (typeof raw !== 'object' || raw === null) throw new PayloadError('search result: not an object');
      const r = raw as Record<string, unknown>;
      const message = validateMessage(r['message'], dropped);
      if (r['conversationId'] !== undefined && r['conversationId'] !== message.conversationId)
        throw new PayloadError('search result: conversationId differs from the message');
      results.push({ conversationId: message.conversationId, message });
    } catch {
      dropped.count++;
    }
  }
  const next = o['nextCursor'];
  if (next !== null && next !== undefined && (typeof next !== 'string' || next.length > MAX_CURSOR))
    throw new PayloadError('search page: bad nextCursor');
  return { results, nextCursor: typeof next === 'string' && next !== '' ? next : null };
}
