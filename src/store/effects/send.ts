import type { OwnNumber } from '../../model/account.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import { checkOutgoing, checkOutgoingRecipients } from '../../rules/outgoing-message.js';
import type { OutgoingCheck } from '../../rules/outgoing-message.js';
import type { SendInput } from '../client-types.js';
import { ClientError } from '../errors.js';
import { isProvisionalId, provisionalConversationId, sameParticipants } from '../ids.js';
import type { TabLeader } from '../tab-leader.js';
import type { EffectContext } from './context.js';
import type { Threads } from './threads.js';

/** What {@link Sender} needs from the client. */
export interface SenderOptions {
  readonly context: EffectContext;
  readonly generateId: () => string;
  /** At most `messages` sends per conversation within `perMs`. */
  readonly throttle: { readonly messages: number; readonly perMs: number };
  readonly leader: TabLeader;
  readonly threads: Threads;
  /** Starts the client (the account is needed to send). */
  readonly start: () => Promise<void>;
}

/**
 * Sending: the outgoing-message rule (`rules/outgoing-message.ts`), the throttle, the local
 * echo, the hand-over to the outbox (this tab's or the leader's), the acknowledgement that
 * replaces a provisional conversation with the server's, and retries.
 */
export class Sender {
  readonly #options: SenderOptions;
  readonly #recentSends = new Map<string, number[]>();

  constructor(options: SenderOptions) {
    this.#options = options;
  }

  async resolveConversation(participants: readonly string[], from?: string): Promise<string> {
    const { context } = this.#options;
    if (!context.getState().account) await this.#options.start();
    let own = this.#pickFrom(from);
    let to = this.#checkRecipients(participants, own);
    if (from === undefined) {
      const last = await this.#lastUsedWith(to);
      if (last && last.number !== own.number) {
        try {
          to = this.#checkRecipients(participants, last);
          own = last;
        } catch {
          // That number cannot text these people any more (e.g. a group from toll-free): the main line.
        }
      }
    }
    const known = context
      .getState()
      .conversations.find((c) => c.ownNumber === own.number && sameParticipants(c.participants, to));
    if (known) return known.id;
    const found = await context.transport.findConversation({ participants: to, from: own.number });
    if (found) {
      context.dispatch({ type: 'conversation/upserted', conversation: found });
      return found.id;
    }
    const id = provisionalConversationId(own.number, to);
    if (!context.getState().conversations.some((c) => c.id === id)) {
      context.dispatch({
        type: 'conversation/upserted',
        conversation: {
          id,
          participants: to,
          ownNumber: own.number,
          unreadCount: 0,
          updatedAt: context.now(),
        },
      });
    }
    return id;
  }

  /**
   * Sends a new message. `retried`: the text of a failed message sent again (see
   * {@link retry}): it was counted by the throttle when it was written, so it is not counted
   * again (a retry pressed right before a new text must not make that text "too many").
   */
  async send(input: SendInput, retried = false): Promise<Message> {
    const { context, threads } = this.#options;
    context.assertAlive();
    // With the account known (from the cache too), writing never waits for the network.
    if (!context.getState().account) await this.#options.start();
    const st = context.getState();
    const conversation = input.conversationId
      ? st.conversations.find((c) => c.id === input.conversationId)
      : undefined;
    if (input.conversationId && !conversation) {
      throw new ClientError('unknown-conversation', 'This conversation no longer exists.');
    }
    const own = this.#pickFrom(input.from ?? conversation?.ownNumber);
    const attachments = input.attachments ?? [];
    const text = input.text;
    const to = accepted(
      checkOutgoing({
        to: input.to ?? conversation?.participants ?? [],
        text,
        attachments: attachments.length,
        own,
        country: st.account?.country ?? 'US',
        isOptedOut: (n) => conversation?.optedOut?.includes(n) ?? false,
      }),
    );
    const conversationId = conversation?.id ?? (await this.resolveConversation(to, own.number));
    if (!retried) this.#checkThrottle(conversationId);
    // Written while reading far back: the thread goes back to the newest, where the echo shows.
    threads.showLatest(conversationId);
    if (!context.getState().threads[conversationId]) await threads.openConversation(conversationId);
    const clientId = this.#options.generateId();
    const now = context.now();
    const echo: Message = {
      id: clientId,
      clientId,
      conversationId,
      direction: 'outbound',
      from: own.number,
      to,
      text,
      attachments,
      status: 'queued',
      createdAt: now,
    };
    context.dispatch({ type: 'message/upserted', message: echo });
    const current = context.getState().conversations.find((c) => c.id === conversationId);
    if (current) {
      context.dispatch({
        type: 'conversation/upserted',
        conversation: { ...current, lastMessage: echo, updatedAt: Math.max(now, current.updatedAt) },
      });
    }
    void this.#options.leader.submit(echo, now);
    return echo;
  }

  /** The outbox's acknowledgement: the server's message, in the server's conversation. */
  acknowledged(message: Message, localConversationId: string): void {
    const { context } = this.#options;
    if (localConversationId !== message.conversationId && isProvisionalId(localConversationId)) {
      const provisional = context.getState().conversations.find((c) => c.id === localConversationId);
      const placeholder: Conversation = {
        id: message.conversationId,
        participants: provisional?.participants ?? message.to,
        ownNumber: message.from,
        unreadCount: 0,
        updatedAt: message.createdAt,
        lastMessage: message,
      };
      context.dispatch({
        type: 'conversation/resolved',
        provisionalId: localConversationId,
        conversation: placeholder,
      });
      void context.transport
        .getConversation({ conversationId: message.conversationId })
        .then((conversation) => {
          if (!context.destroyed()) context.dispatch({ type: 'conversation/upserted', conversation });
        })
        .catch((error: unknown) => context.report('getConversation', error));
    }
    context.dispatch({ type: 'message/upserted', message });
  }

  async retry(clientId: string): Promise<void> {
    const { context } = this.#options;
    context.assertAlive();
    // A failed message without a client id (sent by another system, e.g. the host's automation,
    // or by a backend that does not keep it) is named by its id: it goes again as a new send.
    const message = this.#findByClientId(clientId) ?? this.#findById(clientId);
    if (!message) throw new ClientError('unknown-message', 'That message is no longer here.');
    if (message.status !== 'failed') return;
    if (message.id !== clientId || !message.clientId) {
      await this.#resend(message);
      return;
    }
    context.dispatch({
      type: 'message/retried',
      conversationId: message.conversationId,
      clientId,
      at: context.now(),
    });
    // Its place in the order of sends is now: the last press.
    void this.#options.leader.submit({ ...message, status: 'queued' });
  }

  /**
   * The own number these people last texted with, when the account has several: the most
   * recent of their chats in the store, else of the chats each number finds (a chat below the
   * loaded part of the list). Undefined with one number, no chat, or no network.
   */
  async #lastUsedWith(to: readonly string[]): Promise<OwnNumber | undefined> {
    const { context } = this.#options;
    const numbers = context.getState().account?.numbers ?? [];
    if (numbers.length < 2) return undefined;
    const mine = (c: Conversation) => numbers.find((n) => n.number === c.ownNumber);
    const newest = (list: readonly Conversation[]) =>
      list.reduce<Conversation | undefined>((a, c) => (!a || c.updatedAt > a.updatedAt ? c : a), undefined);
    const loaded = newest(
      context
        .getState()
        .conversations.filter(
          (c) => !isProvisionalId(c.id) && mine(c) && sameParticipants(c.participants, to),
        ),
    );
    if (loaded) return mine(loaded);
    const found = await Promise.all(
      numbers.map((n) =>
        context.transport.findConversation({ participants: to, from: n.number }).catch(() => null),
      ),
    );
    const chats = found.filter((c): c is Conversation => c !== null && mine(c) !== undefined);
    for (const conversation of chats) context.dispatch({ type: 'conversation/upserted', conversation });
    const last = newest(chats);
    return last && mine(last);
  }

  #pickFrom(from: string | undefined): OwnNumber {
    const account = this.#options.context.getState().account;
    if (!account) {
      throw new ClientError(
        'account-unavailable',
        'The account could not be loaded yet (no connection?). Try again when you are back online.',
      );
    }
    if (account.numbers.length === 0) {
      throw new ClientError('no-texting-number', 'This account has no texting number assigned.');
    }
    if (from === undefined) return account.numbers[0]!;
    const own = account.numbers.find((n) => n.number === from);
    if (!own)
      throw new ClientError('unknown-number', `${from} is not one of this account's texting numbers.`);
    return own;
  }

  #checkRecipients(to: readonly string[], own: OwnNumber): readonly string[] {
    const country = this.#options.context.getState().account?.country ?? 'US';
    return accepted(checkOutgoingRecipients({ to, own, country }));
  }

  #checkThrottle(conversationId: string): void {
    const { context, throttle } = this.#options;
    const now = context.now();
    const recent = (this.#recentSends.get(conversationId) ?? []).filter((t) => now - t < throttle.perMs);
    if (recent.length >= throttle.messages) {
      throw new ClientError(
        'throttled',
        'Too many messages in a short time. Wait a moment before sending more.',
      );
    }
    recent.push(now);
    this.#recentSends.set(conversationId, recent);
  }

  /**
   * A message the server stored and the carrier then refused: its client id is spent (the server
   * answers a repeated id with that same failed message), so the text goes again as a new send,
   * where the press puts it, and the refused copy leaves the thread and the server — one message
   * on screen, as the person expects, and none left to be retried twice.
   */
  async #resend(message: Message): Promise<void> {
    const { context } = this.#options;
    await this.send(
      {
        conversationId: message.conversationId,
        text: message.text,
        attachments: message.attachments,
        from: message.from,
      },
      true,
    );
    context.dispatch({
      type: 'message/removed',
      conversationId: message.conversationId,
      messageId: message.id,
    });
    void context.transport
      .deleteMessage({ conversationId: message.conversationId, messageId: message.id })
      .catch((error: unknown) => context.report('deleteMessage', error));
  }

  #findByClientId(clientId: string): Message | undefined {
    for (const t of Object.values(this.#options.context.getState().threads)) {
      const m = t.messages.find((x) => x.clientId === clientId);
      if (m) return m;
    }
    return undefined;
  }

  /** An own message that has no client id, by its id. */
  #findById(id: string): Message | undefined {
    for (const t of Object.values(this.#options.context.getState().threads)) {
      const m = t.messages.find((x) => x.id === id && !x.clientId && x.direction === 'outbound');
      if (m) return m;
    }
    return undefined;
  }
}

/** The recipients of an accepted message; a refusal thrown as a `ClientError`. */
function accepted(checked: OutgoingCheck): readonly string[] {
  if (!checked.ok) throw new ClientError(checked.refusal.code, checked.refusal.message);
  return checked.to;
}
