import type { ReactiveControllerHost } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { whenGoneAhead } from '../../events/decided.js';
import { asError } from '../../internal/failure.js';
import { SmsErrorEvent } from '../../events/error-event.js';
import type { SmsRecipientsChangeEvent } from '../../events/recipients-change-event.js';
import type { SmsSearchSelectEvent } from '../../events/search-select-event.js';
import { parseRecipient } from '../../rules/phone.js';
import type { SmsLink } from '../../rules/sms-link.js';
import type { MessagesClient, OpenConversationTarget } from '../../store/client.js';
import { ClientError } from '../../store/errors.js';
import { TransportError } from '../../transport/errors.js';
import type { SmsComposer } from '../composer/composer.js';
import type { Panes } from './panes.js';

/** What {@link SmsMessages.openConversation} takes. */
export interface OpenConversationOptions {
  /** Recipients: E.164 or numbers as people type them (read with the account's country). */
  readonly to: string | readonly string[];
  /** Text to put in the composer (after the draft already there, if any). */
  readonly text?: string;
  /** Files to attach (they go through the composer's checks and upload). */
  readonly files?: readonly File[];
  /**
   * The own number to send from. Without it: the number these people last texted with (their
   * most recent chat), else the account's first number.
   */
  readonly from?: string;
}
/** What {@link SmsMessages.openConversation} takes to open a known conversation, maybe around a message. */
export interface OpenConversationAtOptions {
  readonly conversationId: string;
  /**
   * A message of it to show (a search result): the chat opens around it, scrolls it into the
   * middle and highlights it; scrolling down from there reaches the newest messages.
   */
  readonly messageId?: string;
}

/** What {@link ConversationOpener} reads from `<sms-messages>`. */
export interface ConversationOpenerOptions {
  readonly locale: LocaleController;
  readonly client: () => MessagesClient | undefined;
  readonly panes: Panes;
  /** The composer on screen, if any. */
  readonly composer: () => SmsComposer | undefined;
  /** Opens the "Send New Message" picker. */
  readonly startNewMessage: () => Promise<void>;
}

/**
 * Opening chats in `<sms-messages>`: by numbers or id (the element's `openConversation`), from a
 * search result, from an `sms:`/`tel:` link in the page (the body of a number-less link waits
 * for the first chat picked). A choice that cannot be opened is shown (`openError`) and reaches
 * the host as `sms-error` unless the client reported it already.
 */
export class ConversationOpener {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: ConversationOpenerOptions;
  /** The body of a number-less `sms:?body=…` link, for the conversation the person picks next. */
  #pendingBody: string | null = null;
  /** Why a conversation or message picked in search could not be opened (shown as a notice). */
  openError = '';

  constructor(host: ReactiveControllerHost & EventTarget, options: ConversationOpenerOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** See `SmsMessages.openConversation`. */
  async open(options: OpenConversationOptions | OpenConversationAtOptions): Promise<string> {
    const { client: getClient, panes, composer } = this.#options;
    const client = getClient();
    if (!client) throw new Error('sms-messages: no client (set .client or wrap in <sms-provider>).');
    await client.start();
    if ('conversationId' in options) {
      const { conversationId, messageId } = options;
      client.selectConversation(conversationId);
      panes.showChat();
      await client.openConversation(messageId === undefined ? conversationId : { conversationId, messageId });
      return conversationId;
    }
    const country = client.getState().account?.country ?? 'US';
    const raw = typeof options.to === 'string' ? options.to.split(/[,;]/) : [...options.to];
    const to = raw.map((input) => {
      const parsed = parseRecipient(input.trim(), country);
      if (!parsed.ok) throw new Error(`sms-messages: ${parsed.message}`);
      return parsed.e164;
    });
    const id = await client.resolveConversation(to, options.from);
    await client.openConversation(id);
    client.selectConversation(id);
    panes.showChat();
    if (options.text !== undefined) {
      // What the person typed last is in the draft before the text is added after it.
      composer()?.saveDraft();
      const current = client.getState().drafts[id];
      // A draft the person was writing is kept: the text goes after it.
      const kept = current?.text && current.text !== options.text && options.text ? `${current.text}\n` : '';
      client.setDraft(id, { text: kept + options.text, attachments: current?.attachments ?? [] });
    }
    await this.#host.updateComplete;
    // The composer was already on this conversation: it shows the new draft text too.
    if (options.text !== undefined) composer()?.reloadDraftText();
    if (options.files?.length) await composer()?.addFiles?.(options.files);
    composer()?.focus();
    return id;
  }

  /** A search result was chosen: once search goes ahead (a choice the host cancels opens nothing). */
  readonly searchSelected = (event: SmsSearchSelectEvent): void => {
    whenGoneAhead(event, () => {
      const d = event.detail;
      const open =
        d.kind === 'person' && !d.conversationId
          ? this.open({ to: d.number })
          : this.#openFound(
              d.kind === 'message'
                ? { conversationId: d.conversationId, messageId: d.messageId }
                : { conversationId: d.conversationId! },
            );
      this.#setError('');
      void Promise.resolve(open).catch((error: unknown) => this.#openFailed(error, d.kind === 'person'));
    });
  };

  /** The picker's recipients resolve to a chat: it is selected, with a waiting link's body as its draft. */
  readonly recipientsChanged = (event: SmsRecipientsChangeEvent): void => {
    const { client: getClient, panes } = this.#options;
    const client = getClient();
    const id = event.detail.conversationId;
    panes.resolved(id);
    const body = this.#pendingBody;
    if (body !== null && id && client) {
      // The body of a number-less sms: link goes to the first conversation picked, unless it has a draft.
      this.#pendingBody = null;
      const draft = client.getState().drafts[id];
      if (!draft?.text) client.setDraft(id, { text: body, attachments: draft?.attachments ?? [] });
    }
    if (id) client?.selectConversation(id);
  };

  /**
   * An `sms:` or `tel:` link was clicked: open its conversation (or the picker when it names
   * no number). Returns `false`, leaving the click to the browser, when a number cannot be read.
   */
  openLink(link: SmsLink): boolean {
    const client = this.#options.client();
    if (!client) return false;
    const country = client.getState().account?.country ?? 'US';
    const to: string[] = [];
    for (const raw of link.recipients) {
      const parsed = parseRecipient(raw, country);
      if (!parsed.ok) return false;
      to.push(parsed.e164);
    }
    if (!to.length) {
      this.#pendingBody = link.body ?? null;
      void this.#options.startNewMessage();
      return true;
    }
    void this.open({ to, ...(link.body !== undefined ? { text: link.body } : {}) }).catch((error: unknown) =>
      this.#host.dispatchEvent(new SmsErrorEvent({ operation: 'captureLinks', error: asError(error) })),
    );
    return true;
  }

  /** Opens a conversation found by search; a message result opens it around that message. */
  async #openFound(target: OpenConversationTarget): Promise<void> {
    const client = this.#options.client();
    if (!client) return;
    this.#options.panes.showChat();
    client.selectConversation(target.conversationId);
    await client.openConversation(target);
  }

  /**
   * Search's choice could not be opened: the person is told, and the host hears of it unless the
   * client already reported it (a failed read of the chat; starting one is the element's own).
   */
  #openFailed(error: unknown, starting: boolean): void {
    if (error instanceof ClientError && error.code === 'destroyed') return;
    const e = asError(error);
    this.#setError(this.#options.locale.t('openFailed', e.message));
    if (starting || !(error instanceof TransportError))
      this.#host.dispatchEvent(new SmsErrorEvent({ operation: 'openConversation', error: e }));
  }

  #setError(message: string): void {
    this.openError = message;
    this.#host.requestUpdate();
  }
}
