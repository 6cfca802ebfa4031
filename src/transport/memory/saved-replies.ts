// Saved replies: the personal ones can be changed.
import type { SavedReply } from '../../model/saved-reply.js';
import { readSavedReplyInput } from '../saved-replies.js';
import type { SaveSavedReplyRequest } from '../transport.js';
import { invalid, notFound } from './state.js';
import type { AccountData, MemoryState } from './state.js';

export function personalReply(data: AccountData, id: unknown): SavedReply {
  const reply = typeof id === 'string' ? data.savedReplies.get(id) : undefined;
  if (!reply) throw notFound('That saved reply does not exist.');
  if (!reply.personal) throw invalid('read-only', 'Shared replies cannot be changed here.');
  return reply;
}

export function saveReply(state: MemoryState, data: AccountData, request: SaveSavedReplyRequest): SavedReply {
  const { title, text } = readSavedReplyInput(request);
  const id =
    request.id === undefined ? `sr${++state.idCounter}-${state.now()}` : personalReply(data, request.id).id;
  const reply: SavedReply = { id, title, text, personal: true, updatedAt: state.now() };
  data.savedReplies.set(id, reply);
  return { ...reply };
}
