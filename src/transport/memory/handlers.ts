// The answer to each transport method of one account: the table `MemoryBackend.handle` calls.
import { TransportError } from '../errors.js';
import { invalid } from './state.js';
import type { AccountData, MemoryState } from './state.js';
import type { MemoryHandlers } from './types.js';
import { personalReply, saveReply } from './saved-replies.js';
import { listConversations, setUnread } from './conversations.js';
import { listMessages, sendMessage, deleteMessage } from './messages.js';
import { scheduleMessage, updateScheduled, scheduledOf, sendScheduled, unschedule } from './scheduled.js';
import { uploadAttachment } from './uploads.js';
import { findContacts, findMessages } from './search.js';

export function makeHandlers(state: MemoryState, data: AccountData): MemoryHandlers {
  return {
    getAccount: () => structuredClone(data.account),
    listConversations: (request) => listConversations(state, data, request),
    getConversation: (request) => state.conversation(state.stored(data, request.conversationId).conversation),
    findConversation: (request) => {
      if (!Array.isArray(request.participants)) throw invalid('bad-request', 'participants must be a list.');
      const found = state.find(data, request.participants, request.from);
      return found ? state.conversation(found.conversation) : null;
    },
    listMessages: (request) => listMessages(state, data, request),
    sendMessage: (request) => sendMessage(state, data, request),
    uploadAttachment: (request) => uploadAttachment(state, data, request),
    deleteMessage: (request) => deleteMessage(state, data, request),
    deleteConversation: (request) => {
      state.stored(data, request.conversationId);
      for (const m of [...data.scheduled.values()])
        if (m.conversationId === request.conversationId) unschedule(state, data, m.id, 'cancelled');
      data.conversations.delete(request.conversationId);
      state.emit(data, { type: 'conversation.deleted', conversationId: request.conversationId });
    },
    markRead: (request) => setUnread(state, data, request.conversationId, () => 0),
    markUnread: (request) => setUnread(state, data, request.conversationId, (n) => Math.max(1, n)),
    searchContacts: (request) => findContacts(data, request),
    searchMessages: (request) => findMessages(state, data, request),
    scheduleMessage: (request) => scheduleMessage(state, data, request),
    listScheduled: (request) =>
      [...data.scheduled.values()]
        .filter((m) => request.conversationId === undefined || m.conversationId === request.conversationId)
        .sort((a, b) => a.sendAt - b.sendAt || (a.id < b.id ? -1 : 1))
        .map((m) => structuredClone(m)),
    updateScheduled: (request) => updateScheduled(state, data, request),
    cancelScheduled: (request) => {
      scheduledOf(data, request.scheduledId);
      unschedule(state, data, request.scheduledId, 'cancelled');
    },
    sendScheduledNow: (request) => {
      scheduledOf(data, request.scheduledId);
      const sent = sendScheduled(state, data, request.scheduledId);
      if (sent instanceof TransportError) throw sent;
      return sent;
    },
    listSavedReplies: () => [...data.savedReplies.values()].map((r) => ({ ...r })),
    saveSavedReply: (request) => saveReply(state, data, request),
    deleteSavedReply: (request) => {
      personalReply(data, request?.id);
      data.savedReplies.delete(request.id);
    },
  };
}
