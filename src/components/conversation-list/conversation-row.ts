import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { onTranslationsChanged } from '../../i18n/registry.js';
import type { Translation } from '../../i18n/translation.js';
import { attachmentSummary, hue, initials, participantNames } from '../../internal/names.js';
import { styleProps } from '../../internal/style-props.js';
import { reactionPreview } from '../../internal/reaction-preview.js';
import type { Conversation } from '../../model/conversation.js';

/** What the rows need of the element's locale controller. */
export type RowLocale = Pick<LocaleController, 'lang' | 't' | 'listTime' | 'phone'>;

/** The text of a row that depends only on the conversation, the language and the account's country. */
interface RowText {
  readonly title: string;
  readonly avatar: string;
  readonly hue: string;
  readonly group: boolean;
  readonly prefix: string;
  readonly preview: string;
  readonly failed: boolean;
  readonly datetime: string;
}

/** Bumped when a translation is registered: every remembered row text is stale then. */
let translationsVersion = 0;
onTranslationsChanged(() => translationsVersion++);

/**
 * Remembers each conversation's row text (names read from phone numbers, the preview, the
 * avatar), so a list re-rendered every frame (a burst of inbound messages) formats only the
 * conversations that changed. A conversation is an immutable value of the store: a changed one
 * is a new object, read again.
 */
export class RowTexts {
  #texts = new WeakMap<Conversation, RowText>();
  #key = '';
  #labels: Partial<Translation> | undefined;

  /** The row text of `c` in `locale` for an account in `country`. */
  get(
    c: Conversation,
    locale: RowLocale,
    country: string | undefined,
    labels?: Partial<Translation>,
  ): RowText {
    const key = `${locale.lang}|${country ?? ''}|${translationsVersion}`;
    if (key !== this.#key || labels !== this.#labels) {
      this.#texts = new WeakMap();
      this.#key = key;
      this.#labels = labels;
    }
    let text = this.#texts.get(c);
    if (!text) {
      text = rowText(c, locale, country);
      this.#texts.set(c, text);
    }
    return text;
  }
}

function rowText(c: Conversation, locale: RowLocale, country: string | undefined): RowText {
  const names = participantNames(c, (n) => locale.phone(n, country));
  const group = c.participants.length > 1;
  const m = c.lastMessage;
  const failed = !!m && m.direction === 'outbound' && m.status === 'failed';
  return {
    title: c.title?.trim() || joinNames(names, locale),
    avatar: group ? String(c.participants.length) : initials(names[0] ?? ''),
    hue: String(hue(c.id)),
    group,
    failed,
    prefix: !m
      ? ''
      : failed
        ? `${locale.t('notSent')} · `
        : m.direction === 'outbound'
          ? `${locale.t('you')}: `
          : '',
    preview: previewText(c, locale),
    datetime: new Date(c.updatedAt).toISOString(),
  };
}

function joinNames(names: readonly string[], locale: RowLocale): string {
  if (names.length <= 3) return names.join(', ');
  return locale.t('andOthers', names.slice(0, 2).join(', '), names.length - 2);
}

/** The last message as one line: its text, a reaction in the reader's words, or its attachments. */
function previewText(c: Conversation, locale: RowLocale): string {
  const m = c.lastMessage;
  if (!m) return '';
  // A reaction sent as text reads in the reader's language: "Reacted 👍 to “See you at 9”".
  if (m.text.trim()) return (reactionPreview(m.text, locale) ?? m.text).slice(0, 200).replace(/\s+/g, ' ');
  const summary = attachmentSummary(m);
  if (!summary) return '';
  return summary.kind === 'many' ? locale.t('attachments', summary.count) : locale.t(summary.kind);
}

/** A DOM id from a conversation id (ids are untrusted: keep it to safe characters). */
export function optionId(id: string): string {
  return `conversation-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/** How one row is shown: besides its text, what the list knows of it. */
export interface RowState {
  readonly selected: boolean;
  readonly active: boolean;
  /** The time "now" for the relative time. */
  readonly now: number;
  readonly choose: (index: number, id: string) => void;
}

/**
 * One conversation row (role `option`): avatar, name and time on the first line, preview and
 * unread badge on the second, laid out by the row's grid (no wrapper elements).
 */
export function renderConversationRow(
  c: Conversation,
  index: number,
  text: RowText,
  state: RowState,
  locale: RowLocale,
): TemplateResult {
  const unread = c.unreadCount > 0;
  const row = `row${unread ? ' unread' : ''}${state.active ? ' active' : ''}`;
  // Keys are handled once, on the listbox (aria-activedescendant); rows only take clicks.
  // eslint-disable-next-line lit-a11y/click-events-have-key-events
  return html`<div
    id=${optionId(c.id)}
    part="row"
    role="option"
    aria-selected=${state.selected ? 'true' : 'false'}
    class=${row}
    @click=${() => state.choose(index, c.id)}
  >
    <span
      part="avatar"
      class=${text.group ? 'avatar group' : 'avatar'}
      style=${styleProps({ '--_hue': text.hue })}
      aria-hidden="true"
      >${text.avatar}</span
    ><bdi part="name" class="name">${text.title}</bdi
    ><time part="time" class="time" datetime=${text.datetime}>${locale.listTime(c.updatedAt, state.now)}</time
    ><span part="preview" class=${text.failed ? 'preview failed' : 'preview'}
      >${text.prefix}<bdi>${text.preview}</bdi></span
    >${
      unread
        ? html`<span part="badge" class="badge" aria-hidden="true"
              >${c.unreadCount > 99 ? '99+' : c.unreadCount}</span
            ><span class="visually-hidden">${locale.t('newMessages', c.unreadCount)}</span>`
        : nothing
    }
  </div>`;
}
