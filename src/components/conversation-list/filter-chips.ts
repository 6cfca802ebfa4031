import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Conversation } from '../../model/conversation.js';
import { CONVERSATION_FILTERS, matchesFilters } from '../../rules/conversation-filter.js';
import type { ConversationFilter } from '../../rules/conversation-filter.js';

/** The terms the chips use (all plain strings). */
export type ChipTerm =
  | 'filters'
  | 'filterUnread'
  | 'filterFailed'
  | 'filterOptedOut'
  | 'noUnreadChats'
  | 'noFailedChats'
  | 'noOptedOutChats'
  | 'noMatchingChats'
  | 'clearFilters';

const LABELS: Record<ConversationFilter, ChipTerm> = {
  unread: 'filterUnread',
  failed: 'filterFailed',
  'opted-out': 'filterOptedOut',
};

const EMPTY: Record<ConversationFilter, ChipTerm> = {
  unread: 'noUnreadChats',
  failed: 'noFailedChats',
  'opted-out': 'noOptedOutChats',
};

/** How many rows a filtered list wants before it stops reading more pages of chats on its own. */
export const FILTERED_ROWS_WANTED = 20;

const filtered = new WeakMap<
  readonly Conversation[],
  { filters: string; match: unknown; items: readonly Conversation[] }
>();

/** The conversations that pass the filters and the host's `match` (the same array while nothing changes). */
export function filterConversations(
  items: readonly Conversation[],
  filters: readonly ConversationFilter[],
  match: ((conversation: Conversation) => boolean) | undefined,
): readonly Conversation[] {
  if (!filters.length && !match) return items;
  const key = filters.join(' ');
  const known = filtered.get(items);
  if (known && known.filters === key && known.match === match) return known.items;
  const result = items.filter((c) => matchesFilters(c, filters) && (!match || match(c)));
  filtered.set(items, { filters: key, match, items: result });
  return result;
}

/** The filters after toggling one, in chip order. */
export function toggled(
  filters: readonly ConversationFilter[],
  filter: ConversationFilter,
): readonly ConversationFilter[] {
  const on = new Set(filters);
  if (on.has(filter)) on.delete(filter);
  else on.add(filter);
  return CONVERSATION_FILTERS.filter((f) => on.has(f));
}

/** The chips: toggle buttons (`aria-pressed`) in a labelled group, each a tab stop. */
export function renderChips(
  filters: readonly ConversationFilter[],
  t: (key: ChipTerm) => string,
  toggle: (filter: ConversationFilter) => void,
): TemplateResult {
  return html`<div class="filters" part="filters" role="group" aria-label=${t('filters')}>
    ${CONVERSATION_FILTERS.map(
      (f) =>
        html`<button
          type="button"
          class="chip"
          part="filter"
          aria-pressed=${filters.includes(f) ? 'true' : 'false'}
          @click=${() => toggle(f)}
        >
          ${t(LABELS[f])}
        </button>`,
    )}
  </div>`;
}

/** What a filtered list that matches nothing says, with a way out. */
export function renderNoMatch(
  filters: readonly ConversationFilter[],
  searching: boolean,
  t: (key: ChipTerm) => string,
  clear: () => void,
): TemplateResult {
  const text = filters.length === 1 && !searching ? t(EMPTY[filters[0]!]) : t('noMatchingChats');
  return html`<div class="empty filtered" role="status">
    <strong>${text}</strong>
    ${
      filters.length
        ? html`<button type="button" class="clear" @click=${clear}>${t('clearFilters')}</button>`
        : nothing
    }
  </div>`;
}
