/**
 * The thread's body as a pure render function: loading, failed and empty states, or the
 * scrolling log (the virtualizer between the "beginning" / "loading older" edge and the "loading
 * newer" edge). Everything it needs comes in a {@link LogContext}.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { ThreadView } from '../../store/thread-window.js';
import { renderItem } from './rows.js';
import type { Item, RowContext } from './rows.js';

/** What the body reads from the thread, and what it asks of it. */
export interface LogContext {
  readonly locale: LocaleController;
  readonly items: readonly Item[];
  readonly layout: LitVirtualizer['layout'];
  readonly rows: RowContext;
  /** The view scrolled. */
  scrolled(): void;
  /** A wheel, touch, key or pointer on the log: the person may be scrolling on purpose. */
  userScrolled(e: Event): void;
  /** "Retry" after the messages could not be read. */
  retryLoad(): void;
}

const key = (item: unknown) => (item as Item | undefined)?.key ?? '';

/** The body for the window `t` of the conversation shown (`undefined`: not read yet). */
export function renderLog(t: ThreadView | undefined, ctx: LogContext): TemplateResult {
  const { locale } = ctx;
  if (!t || t.status === 'idle' || (t.status === 'loading' && !t.messages.length)) {
    return html`<div class="empty" role="status">
      <span class="spinner" aria-hidden="true"></span>${locale.t('loadingMessages')}
    </div>`;
  }
  if (t.status === 'error' && !t.messages.length) {
    return html`<div class="empty" role="alert">
      <p class="error">${locale.t('messagesFailed')}</p>
      <button class="small-button" type="button" @click=${() => ctx.retryLoad()}>${locale.t('retry')}</button>
    </div>`;
  }
  if (!t.messages.length) return html`<div class="empty">${locale.t('noMessages')}</div>`;
  const userScrolled = (e: Event) => ctx.userScrolled(e);
  return html`<div
    class="scroller"
    tabindex="0"
    @scroll=${() => ctx.scrolled()}
    @wheel=${userScrolled}
    @touchmove=${userScrolled}
    @keydown=${userScrolled}
    @pointerdown=${userScrolled}
  >
    ${
      t.olderCursor === null && t.synced
        ? html`<div class="edge">${locale.t('beginning')}</div>`
        : t.loadingOlder
          ? html`<div class="edge" role="status">
              <span class="spinner" aria-hidden="true"></span>${locale.t('loadingOlder')}
            </div>`
          : html`<div class="edge"></div>`
    }
    <sms-virtualizer
      part="log"
      role="log"
      aria-label=${locale.t('messagesLog')}
      .items=${ctx.items}
      .layout=${ctx.layout}
      .keyFunction=${key}
      .renderItem=${(item: unknown) => (item ? renderItem(item as Item, ctx.rows) : html``)}
    ></sms-virtualizer>
    ${
      t.hasNewer
        ? html`<div class="edge" role="status">
            ${t.loadingNewer ? html`<span class="spinner" aria-hidden="true"></span>${locale.t('loadingNewer')}` : nothing}
          </div>`
        : nothing
    }
  </div>`;
}
