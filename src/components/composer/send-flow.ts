import { nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { renderPendingNow } from '../../controllers/observe-controller.js';
import { SmsSendEvent, settleSend } from '../../events/send-event.js';
import type { SendDetail } from '../../events/send-event.js';
import type { Conversation } from '../../model/conversation.js';
import type { MessagesClient } from '../../store/client.js';
import type { Notice } from './attachment-queue.js';
import { renderWarning } from './composer-parts.js';
import { checkBeforeSend } from './send-checks.js';
import type {
  PreSendCheck,
  PreSendDraft,
  PreSendResult,
  QuietHoursOptions,
  SendStop,
} from './send-checks.js';

/** A check that asked before sending: "Send anyway" tries again with it accepted. */
export interface SendWarning {
  readonly message: string;
  readonly detail: SendDetail;
  readonly key?: string;
  readonly accepted?: readonly string[];
}

/** What the send flow reads from the composer that owns it (the host itself is the element). */
export interface SendFlowOptions {
  readonly locale: LocaleController;
  readonly client: () => MessagesClient | undefined;
  /** The message as it stands, or `null` while the conversation or the sending number is not known. */
  readonly message: () => SendDetail | null;
  /** The send lock says no (see the composer's `#blocked`). */
  readonly blocked: () => boolean;
  readonly conversation: () => Conversation | undefined;
  readonly country: () => string | undefined;
  readonly quietHours: () => QuietHoursOptions | false;
  readonly preSendCheck: () => PreSendCheck | undefined;
  /** Shows why a send was refused. */
  readonly notify: (notice: Notice) => void;
  /** Sent (or waiting in the outbox): the composer starts afresh. */
  readonly sent: () => Promise<void>;
}

/**
 * Sending from the composer: the checks before a message goes out (`{variables}` left, quiet
 * hours, the host's `preSendCheck`), a warning the person may override, the cancelable
 * `sms-send`, `client.send`, and the outcome settled on the event (`event.sent`).
 */
export class SendFlow {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: SendFlowOptions;
  #busy = false;
  #warning: SendWarning | null = null;

  constructor(host: ReactiveControllerHost & EventTarget, options: SendFlowOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** A send (or the host's check) is under way: Send is disabled. */
  get busy(): boolean {
    return this.#busy;
  }

  /** The check asking "Send anyway?", if one is. */
  get warning(): SendWarning | null {
    return this.#warning;
  }

  set warning(warning: SendWarning | null) {
    this.#warning = warning;
    this.#host.requestUpdate();
  }

  /**
   * The warning of a check that asked, with "Send anyway" (the check accepted) and "Cancel"
   * (`cancelled` is given the check's key, so the composer can go back to what it was about).
   */
  renderWarning(cancelled: (key: string | undefined) => void): TemplateResult | typeof nothing {
    const warning = this.#warning;
    if (!warning) return nothing;
    return renderWarning(warning.message, this.#options.locale, {
      send: () =>
        warning.key
          ? void this.send([...(warning.accepted ?? []), warning.key])
          : void this.deliver(warning.detail),
      cancel: () => {
        this.warning = null;
        cancelled(warning.key);
      },
    });
  }

  async send(accepted: readonly string[] = []): Promise<void> {
    const options = this.#options;
    if (options.blocked() || this.busy) return;
    const client = options.client();
    const detail = options.message();
    if (!client || !detail) return;
    // Busy (Send disabled) only while the host's check runs: the built-in checks answer at once.
    const waits = Boolean(options.preSendCheck());
    if (waits) this.#setBusy(true);
    let stop: SendStop | null;
    try {
      stop = await this.check(detail, accepted);
    } finally {
      if (waits) this.#setBusy(false);
    }
    if (stop?.block) {
      options.notify({ message: stop.message });
      return;
    }
    if (stop) {
      this.warning = { message: stop.message, detail, key: stop.key, accepted };
      return;
    }
    await this.deliver(detail);
  }

  /**
   * The checks a message goes through before it goes out, now or (with `sendAt`) when scheduled:
   * `{variables}` left, quiet hours where they are at that time, then the host's `preSendCheck`.
   * The first that stops it, or `null`.
   */
  async check(draft: PreSendDraft, accepted: readonly string[]): Promise<SendStop | null> {
    const options = this.#options;
    const stop = checkBeforeSend({
      text: draft.text,
      recipients: draft.to,
      conversation: options.conversation(),
      country: options.country(),
      quietHours: options.quietHours(),
      now: draft.sendAt ?? Date.now(),
      scheduled: draft.sendAt !== undefined,
      locale: options.locale,
      accepted,
    });
    const preSendCheck = options.preSendCheck();
    if (stop || !preSendCheck || accepted.includes('host')) return stop;
    let verdict: PreSendResult | void;
    try {
      verdict = await preSendCheck(draft);
    } catch (error) {
      verdict = { action: 'block', message: error instanceof Error ? error.message : String(error) };
    }
    if (verdict?.action === 'block') return { key: 'host', message: verdict.message, block: true };
    if (verdict?.action === 'warn') return { key: 'host', message: verdict.message, block: false };
    return null;
  }

  /** Fires `sms-send` and, unless the host cancels it, sends. */
  async deliver(detail: SendDetail): Promise<void> {
    const options = this.#options;
    this.warning = null;
    const client = options.client();
    if (!client) return;
    const event = new SmsSendEvent(detail);
    if (!this.#host.dispatchEvent(event)) return settleSend(event, false);
    this.#setBusy(true);
    try {
      const sent = client.send({
        conversationId: detail.conversationId,
        text: detail.text,
        attachments: detail.attachments,
      });
      // The echo is in the store now (when the chat is known): render it in the click's task.
      renderPendingNow();
      await sent;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.notify({ message: options.locale.t('sendFailed', reason) });
      settleSend(event, false);
      return;
    } finally {
      this.#setBusy(false);
    }
    settleSend(event, true);
    await options.sent();
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#host.requestUpdate();
  }
}
