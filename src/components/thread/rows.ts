/**
 * The thread's rows as pure render functions: a day separator, or a message with its bubble,
 * attachments, reactions, time and delivery status. Everything they need comes in a
 * {@link RowContext}; they keep no state.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { linkify } from '../../internal/linkify.js';
import { styleProps } from '../../internal/style-props.js';
import type { Attachment } from '../../model/attachment.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import { previewKind } from '../../rules/media-preview.js';
import type { AttachedReaction } from '../../rules/reactions.js';
import { renderReactions } from './reactions.js';
import { rowTime } from './row-times.js';

/** One row of the log: a day separator or a message. */
export type Item =
  | { readonly kind: 'day'; readonly key: string; readonly at: number }
  | {
      readonly kind: 'message';
      readonly key: string;
      readonly message: Message;
      readonly showSender: boolean;
      /** Reactions sent as texts that quote this message, drawn under it. */
      readonly reactions?: readonly AttachedReaction<Message>[];
    };

/** What the rows read from the thread, and what they ask of it. */
export interface RowContext {
  readonly locale: LocaleController;
  readonly conversation: Conversation | undefined;
  /** The row of the message jumped to, highlighted for a moment. */
  readonly highlighted: string | null;
  /** The message whose "More actions" menu is open. */
  readonly menu: string | null;
  name(conversation: Conversation, number: string): string;
  toggleMenu(messageId: string | null): void;
  askDelete(message: Message, opener: EventTarget | null): void;
  retry(message: Message): void;
  openMedia(message: Message, attachment: Attachment): void;
  /** Renders the rows again: something they show was not ready (see row-times.ts). */
  refresh(): void;
}

/** The "More actions" dots (the header's button). */
export const ICON_MORE = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="5" cy="12" r="2" fill="currentColor" />
  <circle cx="12" cy="12" r="2" fill="currentColor" />
  <circle cx="19" cy="12" r="2" fill="currentColor" />
</svg>`;
const ICON_FILE = html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
  <path d="M6 2h9l5 5v15H6z M15 2v5h5" fill="none" stroke="currentColor" stroke-width="1.6" />
</svg>`;

/** A row: a day separator or a message. */
export function renderItem(item: Item, ctx: RowContext): TemplateResult {
  if (item.kind === 'day') {
    return html`<div class="item day" data-key=${item.key}>${ctx.locale.day(item.at)}</div>`;
  }
  const m = item.message;
  const own = m.direction === 'outbound';
  const failed = own && m.status === 'failed';
  const conversation = ctx.conversation;
  const time = rowTime(ctx.locale, m.createdAt, ctx.refresh);
  return html`<div
    class=${classMap({ item: true, highlight: item.key === ctx.highlighted })}
    data-key=${item.key}
  >
    <div class=${classMap({ row: true, own, failed })}>
      ${item.showSender && conversation ? html`<span class="sender"><bdi>${ctx.name(conversation, m.from)}</bdi></span>` : nothing}
      ${m.attachments.length ? renderAttachments(m, ctx) : nothing}
      ${
        m.text
          ? html`<div class="line">
              ${failed ? renderFailedBubble(m, ctx) : html`<div part="bubble" class="bubble">${renderText(m.text)}</div>`}
              ${renderMore(m, ctx)}
            </div>`
          : html`<div class="line">${renderMore(m, ctx)}</div>`
      }
      ${item.reactions ? renderReactions(item.reactions, ctx.locale, (n) => (conversation ? ctx.name(conversation, n) : n)) : nothing}
      <div class="meta">
        <time part="timestamp" datetime=${time.iso} title=${ifDefined(time.full || undefined)}
          ><span class="short-time">${time.short}</span><span class="full-time">${time.full}</span></time
        >
        ${own ? renderStatus(m, ctx) : nothing}
      </div>
    </div>
  </div>`;
}

/** Message text as text nodes and safe links only (no whitespace around it: the bubble keeps line breaks). */
function renderText(text: string): TemplateResult {
  const linked = linkify(text);
  // Most texts have no link: one text binding, not a list of parts (fewer nodes, less work).
  if (linked.length === 1 && !('href' in linked[0]!)) return html`<span class="text">${text}</span>`;
  const parts = linked.map((p) =>
    'href' in p ? html`<a href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>` : p.text,
  );
  return html`<span class="text">${parts}</span>`;
}

/**
 * A failed message's whole bubble is the retry target ("click on that message to try again"),
 * by pointer and keyboard; its text is plain (no links inside a button).
 */
function renderFailedBubble(m: Message, ctx: RowContext): TemplateResult {
  return html`<div
    part="bubble"
    class="bubble retry-target"
    role="button"
    tabindex="0"
    aria-label=${`${ctx.locale.t('notSentRetry')} ${m.text}`}
    @click=${() => ctx.retry(m)}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      ctx.retry(m);
    }}
  >
    <span class="text">${m.text}</span>
  </div>`;
}

/** The message's "More actions" button (its dots are a CSS mask: no nodes per row) and menu. */
function renderMore(m: Message, ctx: RowContext): TemplateResult {
  const open = ctx.menu === m.id;
  return html`<button
      class="icon-button more"
      type="button"
      aria-label=${ctx.locale.t('moreActions')}
      aria-haspopup="menu"
      aria-expanded=${open ? 'true' : 'false'}
      @click=${() => ctx.toggleMenu(open ? null : m.id)}
    ></button
    >${
      open
        ? html`<div class="menu" role="menu">
            <button role="menuitem" type="button" @click=${(e: Event) => ctx.askDelete(m, e.currentTarget)}>
              ${ctx.locale.t('delete')}
            </button>
          </div>`
        : nothing
    }`;
}

/** An own message's delivery status: its icon is a CSS mask chosen by `data-status`. */
function renderStatus(m: Message, ctx: RowContext): TemplateResult {
  if (m.status === 'failed') {
    return html`<button
      class="retry"
      part="status"
      data-status="failed"
      type="button"
      @click=${() => ctx.retry(m)}
    >
      ${ctx.locale.t('notSentRetry')}
    </button>`;
  }
  const label = {
    queued: ctx.locale.t('statusQueued'),
    sending: ctx.locale.t('statusSending'),
    sent: ctx.locale.t('statusSent'),
    delivered: ctx.locale.t('statusDelivered'),
  }[m.status];
  return html`<span class="status" part="status" data-status=${m.status}>${label}</span>`;
}

function renderAttachments(m: Message, ctx: RowContext): TemplateResult {
  return html`<div class="attachments">
    ${m.attachments.map((a) => {
      const label = ctx.locale.t('openAttachment', a.name);
      // The viewer's rules: a safe URL, an image type the name agrees with, and no pixel bomb.
      if (previewKind(a) === 'image') {
        const ratio = a.width && a.height ? `${a.width} / ${a.height}` : '4 / 3';
        return html`<button
          class="media"
          part="attachment"
          type="button"
          aria-label=${label}
          @click=${() => ctx.openMedia(m, a)}
        >
          <img
            src=${a.thumbnailUrl || a.url}
            alt=""
            loading="lazy"
            decoding="async"
            style=${styleProps({ aspectRatio: ratio })}
          />
        </button>`;
      }
      const kind = a.type.startsWith('video/')
        ? ctx.locale.t('video')
        : a.type.startsWith('audio/')
          ? ctx.locale.t('audio')
          : a.type.startsWith('image/')
            ? ctx.locale.t('photo')
            : ctx.locale.t('document');
      return html`<button
        class="card"
        part="attachment"
        type="button"
        title=${label}
        @click=${() => ctx.openMedia(m, a)}
      >
        ${ICON_FILE}
        <span class="file">
          <bdi class="file-name">${a.name}</bdi>
          <span class="file-meta">${kind} · ${ctx.locale.bytes(a.size)}</span>
        </span>
      </button>`;
    })}
  </div>`;
}
