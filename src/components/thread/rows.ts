/**
 * The thread's rows as pure render functions: a day separator, or a message with its bubble,
 * attachments, reactions, time and delivery status. Everything they need comes in a
 * {@link RowContext}; they keep no state.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
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
/**
 * A row: a day separator or a message.
 *
 * A message row is one flex container (`.item.row`): its sender, attachments, bubble, "More
 * actions" button, reactions, time and status are its children, placed by `order` (see
 * thread.styles.ts), with no wrappers and no whitespace between them. Texts are `.textContent`
 * bindings (one text node, no Lit marker). A plain text (no sender, attachment or link shown) has
 * its bubble in the row's own template; other rows have one part before the button. After the
 * button one part holds the time and status (and the open menu, the reactions). A plain text row
 * is 7 nodes (an own one 9), against 40–43 before (docs/performance.md, "Lighter rows").
 */
export function renderItem(item: Item, ctx: RowContext): TemplateResult {
  if (item.kind === 'day') {
    return html`<div class="item day" data-key=${item.key} .textContent=${ctx.locale.day(item.at)}></div>`;
  }
  const m = item.message;
  const own = m.direction === 'outbound';
  const failed = own && m.status === 'failed';
  const open = ctx.menu === m.id;
  const cls = `item row${own ? ' own' : ''}${failed ? ' failed' : ''}${item.key === ctx.highlighted ? ' highlight' : ''}`;
  const label = ctx.locale.t('moreActions');
  const expanded = open ? 'true' : 'false';
  const toggle = () => ctx.toggleMenu(open ? null : m.id);
  const trail = renderTrail(item, ctx, own, open);
  const lead = renderLead(item, ctx, failed);
  // prettier-ignore
  if (typeof lead === 'string')
    return html`<div class=${cls} data-key=${item.key}><div part="bubble" class="bubble" .textContent=${lead}></div><button class="icon-button more" type="button" aria-label=${label} aria-haspopup="menu" aria-expanded=${expanded} @click=${toggle}></button>${trail}</div>`;
  // prettier-ignore
  return html`<div class=${cls} data-key=${item.key}>${lead}<button class="icon-button more" type="button" aria-label=${label} aria-haspopup="menu" aria-expanded=${expanded} @click=${toggle}></button>${trail}</div>`;
}

/**
 * What comes before the "More actions" button: the sender, attachments and the bubble; only the
 * text when it is a plain one (the row draws its bubble).
 */
function renderLead(item: Item & { kind: 'message' }, ctx: RowContext, failed: boolean): unknown {
  const m = item.message;
  const sender = item.showSender && ctx.conversation ? ctx.name(ctx.conversation, m.from) : null;
  const linked = m.text && !failed ? linkify(m.text) : null;
  const plain = !!linked && linked.length === 1 && !('href' in linked[0]!);
  if (plain && !m.attachments.length) {
    if (sender === null) return m.text;
    // prettier-ignore
    return html`<bdi class="sender" .textContent=${sender}></bdi><div part="bubble" class="bubble" .textContent=${m.text}></div>`;
  }
  const bubble = !m.text
    ? nothing
    : failed
      ? renderFailedBubble(m, ctx)
      : plain
        ? html`<div part="bubble" class="bubble" .textContent=${m.text}></div>`
        : renderLinked(linked!);
  const name = sender === null ? nothing : html`<bdi class="sender" .textContent=${sender}></bdi>`;
  if (!m.attachments.length) return sender === null ? bubble : html`${name}${bubble}`;
  return [name, renderAttachments(m, ctx), bubble];
}

/** A bubble whose text has links (no whitespace around them: the bubble keeps spaces and line breaks). */
function renderLinked(linked: ReturnType<typeof linkify>): TemplateResult {
  const parts = linked.map((p) =>
    'href' in p ? html`<a href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>` : p.text,
  );
  // prettier-ignore
  return html`<div part="bubble" class="bubble">${parts}</div>`;
}

/**
 * What comes after the "More actions" button: its menu while open, the reactions, the time (its
 * full date is the tooltip, and the text shown while the row has focus: a CSS `attr(title)`) and
 * an own message's delivery status (its icon a CSS mask chosen by `data-status`).
 */
function renderTrail(
  item: Item & { kind: 'message' },
  ctx: RowContext,
  own: boolean,
  open: boolean,
): unknown {
  const m = item.message;
  const t = rowTime(ctx.locale, m.createdAt, ctx.refresh);
  const full = t.full || undefined;
  // prettier-ignore
  const meta = !own
    ? html`<time part="timestamp" datetime=${t.iso} title=${ifDefined(full)} .textContent=${t.short}></time>`
    : m.status === 'failed'
      ? html`<time part="timestamp" datetime=${t.iso} title=${ifDefined(full)} .textContent=${t.short}></time>${renderRetry(m, ctx)}`
      : html`<time part="timestamp" datetime=${t.iso} title=${ifDefined(full)} .textContent=${t.short}></time><span class="status" part="status" data-status=${m.status} .textContent=${statusLabel(m.status, ctx)}></span>`;
  if (!open && !item.reactions) return meta;
  const conversation = ctx.conversation;
  return [
    open ? renderMenu(m, ctx) : nothing,
    item.reactions
      ? renderReactions(item.reactions, ctx.locale, (n) => (conversation ? ctx.name(conversation, n) : n))
      : nothing,
    meta,
  ];
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
    .textContent=${m.text}
  ></div>`;
}

/** The "More actions" menu of a message, while open (its button is in the row: see renderItem). */
function renderMenu(m: Message, ctx: RowContext): TemplateResult {
  return html`<div class="menu" role="menu">
    <button role="menuitem" type="button" @click=${(e: Event) => ctx.askDelete(m, e.currentTarget)}>
      ${ctx.locale.t('delete')}
    </button>
  </div>`;
}

/** A failed message's status: a button that sends it again. */
function renderRetry(m: Message, ctx: RowContext): TemplateResult {
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

function statusLabel(status: Exclude<Message['status'], 'failed'>, ctx: RowContext): string {
  return {
    queued: ctx.locale.t('statusQueued'),
    sending: ctx.locale.t('statusSending'),
    sent: ctx.locale.t('statusSent'),
    delivered: ctx.locale.t('statusDelivered'),
  }[status];
}

/** The attachments: image thumbnails in boxes sized from their known dimensions, or file cards. */
function renderAttachments(m: Message, ctx: RowContext): TemplateResult {
  const parts = m.attachments.map((a) => {
    const label = ctx.locale.t('openAttachment', a.name);
    // The viewer's rules: a safe URL, an image type the name agrees with, and no pixel bomb.
    if (previewKind(a) === 'image') {
      const ratio = a.width && a.height ? `${a.width} / ${a.height}` : '4 / 3';
      // prettier-ignore
      return html`<button class="media" part="attachment" type="button" aria-label=${label} @click=${() => ctx.openMedia(m, a)}><img src=${a.thumbnailUrl || a.url} alt="" loading="lazy" decoding="async" style=${styleProps({ aspectRatio: ratio })} /></button>`;
    }
    const kind = a.type.startsWith('video/')
      ? ctx.locale.t('video')
      : a.type.startsWith('audio/')
        ? ctx.locale.t('audio')
        : a.type.startsWith('image/')
          ? ctx.locale.t('photo')
          : ctx.locale.t('document');
    // The file icon is the card's `::before` (a CSS mask); the name and the kind are its two lines.
    // prettier-ignore
    return html`<button class="card" part="attachment" type="button" title=${label} @click=${() => ctx.openMedia(m, a)}><bdi class="file-name" .textContent=${a.name}></bdi><span class="file-meta" .textContent=${`${kind} · ${ctx.locale.bytes(a.size)}`}></span></button>`;
  });
  return html`<div class="attachments">${parts.length === 1 ? parts[0] : parts}</div>`;
}
