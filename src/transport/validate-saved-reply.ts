import type { SavedReply } from '../model/saved-reply.js';
import { PayloadError } from './validate.js';

const MAX_TITLE = 300;
const MAX_TEXT = 10_000;

/** Checks a saved reply a transport answered (a malformed one is dropped from a list). */
export function validateSavedReply(value: unknown): SavedReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError('saved reply: not an object');
  const o = value as Record<string, unknown>;
  const { id, title, text, personal, updatedAt } = o;
  if (typeof id !== 'string' || !id || id.length > 512) throw new PayloadError('saved reply: bad id');
  if (typeof title !== 'string' || !title.trim() || title.length > MAX_TITLE)
    throw new PayloadError('saved reply: bad title');
  if (typeof text !== 'string' || text.length > MAX_TEXT) throw new PayloadError('saved reply: bad text');
  return {
    id,
    title,
    text,
    personal: personal === true,
    updatedAt: typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : 0,
  };
}
