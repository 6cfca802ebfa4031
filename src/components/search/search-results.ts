import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { SearchSelectDetail } from '../../events/search-select-event.js';
import { snippet } from '../../search/highlight.js';
import type { ConversationDoc } from '../../search/search-doc.js';
import type { PersonHit } from '../../search/search-index.js';
import type { MessageHit, SearchResults } from '../../search/search-session.js';

/** One choosable row of the results, in keyboard order. */
export interface SearchOption {
  readonly id: string;
  readonly detail: SearchSelectDetail | 'more';
}

/** The results of `query` in keyboard order: people, conversations, messages, then "more". */
export function searchOptions(r: SearchResults | undefined, query: string): SearchOption[] {
  if (!r || !query.trim()) return [];
  const options: SearchOption[] = [];
  r.people.forEach((p, i) =>
    options.push({
      id: `person-${i}`,
      detail: {
        kind: 'person',
        number: p.number,
        ...(p.name ? { name: p.name } : {}),
        ...(p.conversationId ? { conversationId: p.conversationId } : {}),
      },
    }),
  );
  r.conversations.forEach((c, i) =>
    options.push({ id: `conversation-${i}`, detail: { kind: 'conversation', conversationId: c.id } }),
  );
  r.messages.forEach((m, i) =>
    options.push({
      id: `message-${i}`,
      detail: { kind: 'message', conversationId: m.conversationId, messageId: m.messageId },
    }),
  );
  if (r.hasMore && !r.loadingMore) options.push({ id: 'more', detail: 'more' });
  return options;
}

/** What rendering the results needs from `<sms-search>`. */
export interface ResultsContext {
  readonly locale: LocaleController;
  readonly options: readonly SearchOption[];
  /** The highlighted option's id. */
  readonly activeId: string | undefined;
  /** A number as rows show it. */
  phone(e164: string): string;
  /** A conversation's title or its people's names (`fallback`'s number when it is unknown). */
  chatName(conversationId: string, fallback?: string): string;
  choose(option: SearchOption): void;
}

/** The results panel's content: the listbox of groups, then the empty text and the server's note. */
export function renderResults(r: SearchResults, c: ResultsContext): TemplateResult {
  const t = c.locale.t.bind(c.locale);
  const empty = !r.people.length && !r.conversations.length && !r.messages.length;
  const pending = r.server === 'waiting' || r.server === 'loading';
  return html`<div id="results" role="listbox" aria-label=${t('searchResults')}>
      ${group('people', t('searchPeople'), r.people, (p, i) => renderPerson(p, `person-${i}`, c))}
      ${group('conversations', t('searchConversations'), r.conversations, (conversation, i) =>
        renderConversation(conversation, `conversation-${i}`, c),
      )}
      ${group('messages', t('searchMessages'), r.messages, (m, i) => renderMessage(m, r, `message-${i}`, c))}
      ${
        r.hasMore && !r.loadingMore
          ? renderOption('more', c, html`<span class="more" part="more-button">${t('searchMore')}</span>`)
          : nothing
      }
    </div>
    ${empty && !pending ? html`<p class="empty">${t('searchNoResults', r.query.trim())}</p>` : nothing}
    ${renderNote(r, pending, c.locale)}${renderProblems(r, c.locale)}`;
}

/** One group of results under its title; nothing when it is empty. */
function group<T>(
  name: string,
  label: string,
  items: readonly T[],
  row: (item: T, i: number) => TemplateResult,
): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  return html`<div role="group" aria-labelledby="${name}-label">
    <div class="group-label" part="group-label" id="${name}-label" role="presentation">${label}</div>
    ${items.map(row)}
  </div>`;
}

function renderNote(
  r: SearchResults,
  pending: boolean,
  locale: LocaleController,
): TemplateResult | typeof nothing {
  if (r.server === 'offline') return html`<p class="note quiet" part="note">${locale.t('searchOffline')}</p>`;
  if (r.server === 'error')
    return html`<p class="note error" part="note" role="alert">${locale.t('searchFailed')}</p>`;
  if (pending || r.loadingMore)
    return html`<p class="note quiet" part="note">${locale.t('searchServerLoading')}</p>`;
  return nothing;
}

/** What failed besides the server's messages: the address book, reading what this device saved. */
function renderProblems(r: SearchResults, locale: LocaleController): TemplateResult | typeof nothing {
  if (!r.contactsFailed && !r.incomplete) return nothing;
  return html`${
    r.contactsFailed
      ? html`<p class="note error" part="note" role="alert">${locale.t('searchContactsFailed')}</p>`
      : nothing
  }${
    r.incomplete
      ? html`<p class="note error" part="note" role="alert">${locale.t('searchIncomplete')}</p>`
      : nothing
  }`;
}

function renderOption(id: string, c: ResultsContext, content: TemplateResult): TemplateResult {
  const option = c.options.find((o) => o.id === id);
  const active = id === c.activeId;
  // The input owns the keyboard (aria-activedescendant); options only take pointer clicks.
  // eslint-disable-next-line lit-a11y/click-events-have-key-events
  return html`<div
    id=${id}
    role="option"
    part="result"
    class=${classMap({ result: true, active })}
    aria-selected=${active ? 'true' : 'false'}
    @pointerdown=${(e: Event) => e.preventDefault()}
    @click=${() => option && c.choose(option)}
  >
    ${content}
  </div>`;
}

function renderPerson(p: PersonHit, id: string, c: ResultsContext): TemplateResult {
  return renderOption(
    id,
    c,
    html`<span class="line"><bdi class="title">${p.name ?? c.phone(p.number)}</bdi></span>
      ${p.name ? html`<span class="line meta">${c.phone(p.number)}</span>` : nothing}`,
  );
}

function renderConversation(conversation: ConversationDoc, id: string, c: ResultsContext): TemplateResult {
  const { participants } = conversation;
  return renderOption(
    id,
    c,
    html`<span class="line"><bdi class="title">${c.chatName(conversation.id)}</bdi></span>
      <span class="line meta"
        >${participants.length > 1 ? c.locale.t('searchGroup', participants.length) : c.phone(participants[0] ?? '')}</span
      >`,
  );
}

function renderMessage(m: MessageHit, r: SearchResults, id: string, c: ResultsContext): TemplateResult {
  const parts = m.text ? snippet(m.text, r.parsed) : [];
  return renderOption(
    id,
    c,
    html`<span class="line"
        ><bdi class="title"
          >${c.chatName(m.conversationId, m.direction === 'inbound' ? m.from : undefined)}</bdi
        >
        <time class="meta" datetime=${new Date(m.createdAt).toISOString()}
          >${c.locale.listTime(m.createdAt)}</time
        ></span
      >
      <span class="line snippet"
        >${m.direction === 'outbound' ? html`<span class="meta">${c.locale.t('searchYou')}: </span>` : nothing}${
          parts.length
            ? parts.map((p) => (p.match ? html`<mark part="mark">${p.text}</mark>` : p.text))
            : c.locale.t('attachments', m.attachments)
        }</span
      >`,
  );
}
