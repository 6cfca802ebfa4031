/**
 * The thread's header as a pure render function: the participants (each with "Message"), "Mark
 * conversation unread", the host's `header-actions` slot and the "More actions" menu ("Media &
 * files", "Delete chat"). Everything it needs comes in a {@link HeaderContext}.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { Conversation } from '../../model/conversation.js';
import { isProvisionalId } from '../../model/ids.js';
import { ICON_MORE } from './rows.js';

/** What the header reads from the thread, and what it asks of it. */
export interface HeaderContext {
  readonly locale: LocaleController;
  /** The account's country (phone numbers are formatted for it). */
  readonly country: string | undefined;
  /** Whether the chat's "More actions" menu is open. */
  readonly menuOpen: boolean;
  name(conversation: Conversation, number: string): string;
  messageParticipant(number: string): void;
  markUnread(conversation: Conversation): void;
  toggleMenu(): void;
  showMediaFiles(): void;
  askDeleteChat(opener: EventTarget | null): void;
}

const ICON_FLAG = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path
    d="M5 21V4h11l-1.5 3.5L16 11H5"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linejoin="round"
  />
</svg>`;

/** The header of conversation `c`. */
export function renderHeader(c: Conversation, ctx: HeaderContext): TemplateResult {
  const { locale } = ctx;
  const names = c.participants.map((n) => ctx.name(c, n));
  const title = c.title?.trim() || names.join(', ');
  return html`<header part="header">
    <div class="who">
      <button class="names" type="button" aria-haspopup="true"><bdi>${title}</bdi></button>
      <div class="popover" role="group" aria-label=${locale.t('participants')}>
        <ul>
          ${c.participants.map(
            (n) =>
              html`<li>
                <span class="person"
                  ><bdi>${ctx.name(c, n)}</bdi><br /><span class="number"
                    >${locale.phone(n, ctx.country)}</span
                  ></span
                >
                <button
                  class="small-button"
                  type="button"
                  aria-label=${locale.t('messageParticipant', ctx.name(c, n))}
                  @click=${() => ctx.messageParticipant(n)}
                >
                  ${locale.t('message')}
                </button>
              </li>`,
          )}
        </ul>
      </div>
    </div>
    <slot name="header-actions"></slot>
    ${
      c.unreadCount === 0 && !isProvisionalId(c.id)
        ? html`<button
            class="icon-button"
            type="button"
            title=${locale.t('markUnread')}
            aria-label=${locale.t('markUnread')}
            @click=${() => ctx.markUnread(c)}
          >
            ${ICON_FLAG}
          </button>`
        : nothing
    }
    <button
      class="icon-button"
      type="button"
      aria-label=${locale.t('moreActions')}
      aria-haspopup="menu"
      aria-expanded=${ctx.menuOpen ? 'true' : 'false'}
      @click=${() => ctx.toggleMenu()}
    >
      ${ICON_MORE}
    </button>
    ${
      ctx.menuOpen
        ? html`<div class="menu header-menu" role="menu">
            <button role="menuitem" type="button" @click=${() => ctx.showMediaFiles()}>
              ${locale.t('mediaAndFiles')}
            </button>
            <button role="menuitem" type="button" @click=${(e: Event) => ctx.askDeleteChat(e.currentTarget)}>
              ${locale.t('deleteChat')}
            </button>
          </div>`
        : nothing
    }
  </header>`;
}
