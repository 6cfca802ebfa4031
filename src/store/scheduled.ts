import type { ScheduledMessage } from '../transport/transport.js';
import type { LoadStatus, MessagesState } from './state.js';

/** The messages scheduled in one conversation ("send later"), as the client knows them. */
export interface ScheduledState {
  /** Soonest first. */
  readonly items: readonly ScheduledMessage[];
  /** The list read from the backend: `idle` before it is asked for. */
  readonly status: LoadStatus;
  readonly error: string | null;
}

/** What changes the scheduled messages of the state (part of the store's `Action`). */
export type ScheduledAction =
  | { readonly type: 'scheduled/loading'; readonly conversationId: string }
  | {
      readonly type: 'scheduled/loaded';
      readonly conversationId: string;
      readonly items: readonly ScheduledMessage[];
    }
  | { readonly type: 'scheduled/failed'; readonly conversationId: string; readonly error: string }
  /** Scheduled here or elsewhere, or changed (text, time, cancel-if-replied). */
  | { readonly type: 'scheduled/upserted'; readonly scheduled: ScheduledMessage }
  /** Sent, cancelled, cancelled by a reply, or failed. */
  | { readonly type: 'scheduled/removed'; readonly conversationId: string; readonly scheduledId: string };

export const emptyScheduled: ScheduledState = { items: [], status: 'idle', error: null };

const soonestFirst = (a: ScheduledMessage, b: ScheduledMessage) =>
  a.sendAt - b.sendAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function withScheduled(state: MessagesState, conversationId: string, next: ScheduledState): MessagesState {
  return { ...state, scheduled: { ...state.scheduled, [conversationId]: next } };
}

/** The pure transition of the scheduled messages. */
export function reduceScheduled(state: MessagesState, action: ScheduledAction): MessagesState {
  const current =
    ('conversationId' in action ? state.scheduled[action.conversationId] : undefined) ?? emptyScheduled;
  switch (action.type) {
    case 'scheduled/loading':
      return withScheduled(state, action.conversationId, { ...current, status: 'loading', error: null });
    case 'scheduled/loaded':
      return withScheduled(state, action.conversationId, {
        items: [...action.items].sort(soonestFirst),
        status: 'ready',
        error: null,
      });
    case 'scheduled/failed':
      return withScheduled(state, action.conversationId, {
        ...current,
        status: 'error',
        error: action.error,
      });
    case 'scheduled/upserted': {
      const { scheduled } = action;
      const own = state.scheduled[scheduled.conversationId] ?? emptyScheduled;
      const old = own.items.find((m) => m.id === scheduled.id);
      // An older copy (a late answer after a newer event) never replaces a newer one.
      if (old && old.updatedAt > scheduled.updatedAt) return state;
      const items = [...own.items.filter((m) => m.id !== scheduled.id), scheduled].sort(soonestFirst);
      return withScheduled(state, scheduled.conversationId, { ...own, items });
    }
    case 'scheduled/removed': {
      if (!current.items.some((m) => m.id === action.scheduledId)) return state;
      return withScheduled(state, action.conversationId, {
        ...current,
        items: current.items.filter((m) => m.id !== action.scheduledId),
      });
    }
  }
}
