import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_BACK } from '../../internal/icons.js';
import { participantName } from '../../internal/names.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';

/** The back button of the narrow layout. */
export function renderBack(locale: LocaleController, back: () => void): TemplateResult {
  return html`<button
    class="back"
    part="back-button"
    type="button"
    aria-label=${locale.t('back')}
    @click=${back}
  >
    ${ICON_BACK}
  </button>`;
}

/** Above the list: the button that asks for desktop notifications, or why they are blocked. */
export function renderNotificationPrompt(
  locale: LocaleController,
  permission: NotificationPermission | 'unsupported',
  request: () => void,
): TemplateResult | typeof nothing {
  if (permission === 'default') {
    return html`<div class="notify">
      <button type="button" @click=${request}>${locale.t('enableNotifications')}</button>
    </div>`;
  }
  if (permission === 'denied') return html`<div class="notify">${locale.t('notificationsBlocked')}</div>`;
  return nothing;
}

/** What the notices above the list say. */
export interface NoticesState {
  /** Offline for longer than a short reconnect. */
  readonly offline: boolean;
  /** Why a chat picked in search could not be opened. */
  readonly openError: string;
  /** The cache's health (`blocked`: another tab holds an older version open). */
  readonly storage: 'ok' | 'unavailable' | 'full' | 'blocked' | undefined;
}

/** The notices above the list (offline, a search result not opened, storage), in one live region. */
export function renderNotices(locale: LocaleController, state: NoticesState): TemplateResult {
  const notices: TemplateResult[] = [];
  const notice = (content: unknown) => html`<div class="notice" part="notice">${content}</div>`;
  if (state.offline) notices.push(notice(locale.t('offlineNotice')));
  if (state.openError) notices.push(notice(state.openError));
  if (state.storage === 'blocked') {
    notices.push(
      notice(
        html`${locale.t('storageBlocked')}
          <button type="button" @click=${() => location.reload()}>${locale.t('reload')}</button>`,
      ),
    );
  } else if (state.storage === 'full' || state.storage === 'unavailable') {
    notices.push(notice(locale.t(state.storage === 'full' ? 'storageFull' : 'storageUnavailable')));
  }
  return html`<div role="status">${notices}</div>`;
}

/** The "Oops" explanation of an account with no texting number. */
export function renderOops(locale: LocaleController): TemplateResult {
  return html`<div class="oops" part="oops" role="alert">
    <h2>${locale.t('oopsTitle')}</h2>
    <p>${locale.t('oopsBody')}</p>
    <p>${locale.t('oopsAdmin')}</p>
  </div>`;
}

/** A desktop notification's title and body for a received message (140 characters at most). */
export function describeNotification(
  locale: LocaleController,
  message: Message,
  conversation: Conversation,
  country: string | undefined,
): { title: string; body: string } {
  const name = participantName(conversation, message.from, (n) => locale.phone(n, country));
  const text = message.text.trim().replace(/\s+/g, ' ');
  const body = text
    ? text.length > 140
      ? `${text.slice(0, 139)}…`
      : text
    : locale.t('notificationAttachment');
  return { title: locale.t('newMessageFrom', name), body };
}
