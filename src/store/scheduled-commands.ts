import type { Attachment } from '../model/attachment.js';
import type { Message } from '../model/message.js';
import { SMS_MAX_CHARACTERS } from '../rules/sms-encoding.js';
import { screenRecipients } from '../rules/special-numbers.js';
import { toTransportError } from '../transport/errors.js';
import type { ScheduledMessage, Transport, TransportEvent } from '../transport/transport.js';
import type { Action } from './actions.js';
import { ClientError } from './errors.js';
import { isProvisionalId } from './ids.js';
import type { MessagesState } from './state.js';
import { hasScheduling } from '../transport/validated-transport.js';
import type { SchedulingTransport } from '../transport/validated-transport.js';

/** What {@link MessagesClient.scheduleMessage} takes. */
export interface ScheduleInput {
  /** An existing conversation (not a provisional one: write the first message first). */
  readonly conversationId: string;
  /** May be empty when there are attachments. */
  readonly text: string;
  /**
   * Files sent with it, already uploaded with {@link MessagesClient.upload} (as the composer does
   * when they are attached); the backend keeps them until it sends the message.
   */
  readonly attachments?: readonly Attachment[];
  /** When the backend sends it, ms since the epoch; must be in the future. */
  readonly sendAt: number;
  /** Cancel it if someone in the conversation texts first (default `false`). */
  readonly cancelIfReplied?: boolean;
}

/** What {@link MessagesClient.updateScheduled} changes: give only what changes. */
export interface ScheduledChanges {
  readonly text?: string;
  readonly sendAt?: number;
  readonly cancelIfReplied?: boolean;
}

interface SchedulerOptions {
  readonly transport: Transport;
  readonly dispatch: (action: Action) => void;
  readonly getState: () => MessagesState;
  readonly now: () => number;
  readonly generateId: () => string;
  readonly report: (operation: string, error: unknown) => void;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The client's "send later" commands and events, over the transport's optional scheduling
 * capability. The backend keeps and sends scheduled messages; the client only lists them,
 * follows the `scheduled.*` events, and asks for changes — there is no timer here.
 */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #transport: SchedulingTransport | null;
  readonly #loading = new Map<string, Promise<void>>();

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#transport = hasScheduling(options.transport) ? options.transport : null;
  }

  /** Whether the transport can schedule messages. */
  get available(): boolean {
    return this.#transport !== null;
  }

  /** Reads a conversation's scheduled messages (again, with `force`). */
  load(conversationId: string, force = false): Promise<void> {
    const transport = this.#transport;
    if (!transport || isProvisionalId(conversationId)) return Promise.resolve();
    const status = this.#options.getState().scheduled[conversationId]?.status ?? 'idle';
    if (!force && (status === 'ready' || status === 'loading')) {
      return this.#loading.get(conversationId) ?? Promise.resolve();
    }
    const running = (async () => {
      this.#options.dispatch({ type: 'scheduled/loading', conversationId });
      try {
        const items = await transport.listScheduled({ conversationId });
        this.#options.dispatch({
          type: 'scheduled/loaded',
          conversationId,
          items: items.filter((m) => m.conversationId === conversationId),
        });
      } catch (error) {
        this.#options.dispatch({ type: 'scheduled/failed', conversationId, error: describe(error) });
        this.#options.report('listScheduled', error);
      } finally {
        this.#loading.delete(conversationId);
      }
    })();
    this.#loading.set(conversationId, running);
    return running;
  }

  /** After the push channel comes back: reads again the lists that were read. */
  refresh(): Promise<void> {
    const state = this.#options.getState();
    const ids = Object.keys(state.scheduled).filter((id) => state.scheduled[id]!.status !== 'idle');
    return Promise.all(ids.map((id) => this.load(id, true))).then(() => undefined);
  }

  async schedule(input: ScheduleInput): Promise<ScheduledMessage> {
    const transport = this.#require();
    if (isProvisionalId(input.conversationId) || !this.#known(input.conversationId)) {
      throw new ClientError('unknown-conversation', 'Send later works in an existing conversation.');
    }
    const attachmentIds = (input.attachments ?? []).map((a) => a.id);
    this.#check(input.text, input.sendAt, true, attachmentIds.length);
    this.#screen(input.conversationId);
    const scheduled = await transport.scheduleMessage({
      clientId: this.#options.generateId(),
      conversationId: input.conversationId,
      text: input.text,
      ...(attachmentIds.length ? { attachmentIds } : {}),
      sendAt: input.sendAt,
      cancelIfReplied: input.cancelIfReplied === true,
    });
    this.#options.dispatch({ type: 'scheduled/upserted', scheduled });
    return scheduled;
  }

  async update(scheduledId: string, changes: ScheduledChanges): Promise<ScheduledMessage> {
    const transport = this.#require();
    const current = this.#find(scheduledId);
    this.#check(
      changes.text ?? current.text,
      changes.sendAt ?? current.sendAt,
      changes.sendAt !== undefined,
      current.attachments.length,
    );
    try {
      const scheduled = await transport.updateScheduled({ scheduledId, ...changes });
      this.#options.dispatch({ type: 'scheduled/upserted', scheduled });
      return scheduled;
    } catch (error) {
      this.#forgetIfGone(current, error);
      throw error;
    }
  }

  async cancel(scheduledId: string): Promise<void> {
    const transport = this.#require();
    const current = this.#find(scheduledId);
    try {
      await transport.cancelScheduled({ scheduledId });
    } catch (error) {
      // Already gone (sent, cancelled elsewhere): what the person wanted, or the event will say.
      if (toTransportError(error).kind !== 'not-found') throw error;
    }
    this.#remove(current);
  }

  async sendNow(scheduledId: string): Promise<Message> {
    const transport = this.#require();
    const current = this.#find(scheduledId);
    try {
      const message = await transport.sendScheduledNow({ scheduledId });
      this.#remove(current);
      this.#options.dispatch({ type: 'message/upserted', message });
      return message;
    } catch (error) {
      this.#forgetIfGone(current, error);
      throw error;
    }
  }

  /** Applies a pushed `scheduled.*` event; false for other events. */
  handle(event: TransportEvent): boolean {
    if (event.type === 'scheduled.updated') {
      this.#options.dispatch({ type: 'scheduled/upserted', scheduled: event.scheduled });
      return true;
    }
    if (event.type === 'scheduled.removed') {
      this.#options.dispatch({
        type: 'scheduled/removed',
        conversationId: event.conversationId,
        scheduledId: event.scheduledId,
      });
      return true;
    }
    return false;
  }

  #require(): SchedulingTransport {
    if (!this.#transport) {
      throw new ClientError('scheduling-unsupported', 'This backend cannot send messages later.');
    }
    return this.#transport;
  }

  #known(conversationId: string): boolean {
    const state = this.#options.getState();
    return (
      state.conversations.some((c) => c.id === conversationId) || state.threads[conversationId] !== undefined
    );
  }

  /** Refuses what a send now refuses: emergency numbers and short codes among the participants. */
  #screen(conversationId: string): void {
    const state = this.#options.getState();
    const conversation = state.conversations.find((c) => c.id === conversationId);
    if (!conversation) return;
    const { emergency, shortCodes } = screenRecipients(
      conversation.participants,
      state.account?.country ?? 'US',
    );
    if (emergency.length) {
      throw new ClientError(
        'emergency-number',
        `${emergency[0]} is an emergency number. Call it: texts can't be sent to emergency services from here.`,
      );
    }
    if (shortCodes.length) {
      throw new ClientError(
        'short-code',
        `${shortCodes[0]} is a short code: business numbers can't text short codes.`,
      );
    }
  }

  #find(scheduledId: string): ScheduledMessage {
    for (const entry of Object.values(this.#options.getState().scheduled)) {
      const found = entry.items.find((m) => m.id === scheduledId);
      if (found) return found;
    }
    throw new ClientError('unknown-message', 'That scheduled message is not known (it may have been sent).');
  }

  #check(text: string, sendAt: number, checkTime: boolean, attachments: number): void {
    if (!text.trim() && attachments === 0) {
      throw new ClientError('empty-message', 'Write a message to send later.');
    }
    if ([...text].length > SMS_MAX_CHARACTERS) {
      throw new ClientError(
        'text-too-long',
        `A message can't be longer than ${SMS_MAX_CHARACTERS} characters.`,
      );
    }
    if (checkTime && (!Number.isFinite(sendAt) || sendAt <= this.#options.now())) {
      throw new ClientError('scheduled-in-past', 'Choose a time in the future.');
    }
  }

  #remove(scheduled: ScheduledMessage): void {
    this.#options.dispatch({
      type: 'scheduled/removed',
      conversationId: scheduled.conversationId,
      scheduledId: scheduled.id,
    });
  }

  #forgetIfGone(scheduled: ScheduledMessage, error: unknown): void {
    if (toTransportError(error).kind === 'not-found') this.#remove(scheduled);
  }
}
