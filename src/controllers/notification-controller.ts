import type { ReactiveControllerHost } from 'lit';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { MessagesClient } from '../store/client.js';
import { ClientEventsSubscription } from './client-events-subscription.js';
import { SyncedController } from './synced-controller.js';

interface Options {
  /** The client whose received messages are announced. */
  readonly client: () => MessagesClient | undefined;
  /** Whether the host opted in. */
  readonly enabled: () => boolean;
  /** The conversation currently on screen, if any. */
  readonly openConversation: () => string | null | undefined;
  /** Title and body text of a notification (plain text, never HTML). */
  readonly describe: (message: Message, conversation: Conversation) => { title: string; body: string };
  /** The user clicked a notification. */
  readonly activate: (conversationId: string) => void;
}

/** Whether this browser has the Notification API. */
export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * Browser notifications for received messages: shown when the page is hidden or the message's
 * chat is not the one open; one per message, tagged per conversation (a newer message of the
 * same chat replaces the older notification). Clicking one focuses the window and opens the chat.
 * Asking for permission must come from a user gesture: call {@link requestPermission} from a click.
 */
export class NotificationController extends SyncedController {
  readonly #host: ReactiveControllerHost;
  readonly #options: Options;
  readonly #events: ClientEventsSubscription;
  #shown = new Set<string>();

  constructor(host: ReactiveControllerHost, options: Options) {
    super();
    this.#host = host;
    this.#options = options;
    this.#events = new ClientEventsSubscription(options.client, (event) => {
      if (event.type === 'message-received') this.#notify(event.message, event.conversation);
    });
    host.addController(this);
  }

  /** `default`, `granted`, `denied`, or `unsupported`. */
  get permission(): NotificationPermission | 'unsupported' {
    return notificationsSupported() ? Notification.permission : 'unsupported';
  }

  hostDisconnected(): void {
    this.#events.stop();
  }

  /** Asks for permission; call it from a click or key handler. */
  async requestPermission(): Promise<NotificationPermission | 'unsupported'> {
    if (!notificationsSupported()) return 'unsupported';
    const result = await Notification.requestPermission();
    this.#host.requestUpdate();
    return result;
  }

  protected sync(): void {
    this.#events.sync();
  }

  #notify(message: Message, conversation: Conversation): void {
    if (!this.#options.enabled() || this.permission !== 'granted') return;
    if (this.#shown.has(message.id)) return;
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (!hidden && this.#options.openConversation() === conversation.id) return;
    this.#shown.add(message.id);
    if (this.#shown.size > 1000) this.#shown = new Set([...this.#shown].slice(-500));
    const { title, body } = this.#options.describe(message, conversation);
    try {
      const notification = new Notification(title, { body, tag: `sms-${conversation.id}` });
      notification.onclick = () => {
        window.focus();
        this.#options.activate(conversation.id);
        notification.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker; nothing else to do here.
    }
  }
}
