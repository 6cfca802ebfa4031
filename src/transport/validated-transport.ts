import { TransportError } from './errors.js';
import type { SubscribeOptions, Transport, TransportEvent } from './transport.js';
import {
  PayloadError,
  validateAccount,
  validateAttachment,
  validateContact,
  validateConversation,
  validateConversationPage,
  validateEvent,
  validateMessage,
  validateMessagePage,
  validateScheduled,
} from './validate.js';
import type { Counter } from './validate.js';
import { validateSearchPage } from './validate-search.js';
import { validateSavedReply } from './validate-saved-reply.js';

/** A transport with every method of the optional "send later" capability. */
export type SchedulingTransport = Transport &
  Required<
    Pick<
      Transport,
      'scheduleMessage' | 'listScheduled' | 'updateScheduled' | 'cancelScheduled' | 'sendScheduledNow'
    >
  >;

/** Whether a transport has the whole "send later" capability (all five methods). */
export function hasScheduling(transport: Transport): transport is SchedulingTransport {
  return (
    typeof transport.scheduleMessage === 'function' &&
    typeof transport.listScheduled === 'function' &&
    typeof transport.updateScheduled === 'function' &&
    typeof transport.cancelScheduled === 'function' &&
    typeof transport.sendScheduledNow === 'function'
  );
}

/** Called for every payload (or part of one) that was refused at the boundary. */
export type PayloadReporter = (error: Error) => void;

/**
 * Wraps a transport so that everything it answers or pushes is validated before the client
 * uses it: a malformed answer becomes a retryable `network` error (the same client id makes a
 * retry safe), a malformed event is dropped, and every refusal is reported.
 */
export function validatedTransport(inner: Transport, report: PayloadReporter): Transport {
  async function call<T>(
    operation: string,
    run: () => Promise<unknown>,
    check: (value: unknown, dropped: Counter) => T,
  ): Promise<T> {
    const raw = await run();
    const dropped: Counter = { count: 0 };
    try {
      const value = check(raw, dropped);
      if (dropped.count) report(new PayloadError(`${operation}: ${dropped.count} malformed entries dropped`));
      return value;
    } catch (error) {
      report(error instanceof Error ? error : new PayloadError(String(error)));
      throw new TransportError('network', 'The server sent a malformed answer.', {
        code: 'malformed-response',
        cause: error,
      });
    }
  }
  const listOf =
    <T>(check: (v: unknown) => T) =>
    (value: unknown, dropped: Counter) => {
      if (!Array.isArray(value)) throw new PayloadError('not a list');
      const out: T[] = [];
      for (const item of value) {
        try {
          out.push(check(item));
        } catch {
          dropped.count++;
        }
      }
      return out;
    };

  return {
    getAccount: (o) => call('getAccount', () => inner.getAccount(o), validateAccount),
    listConversations: (r) =>
      call('listConversations', () => inner.listConversations(r), validateConversationPage),
    getConversation: (r) => call('getConversation', () => inner.getConversation(r), validateConversation),
    findConversation: (r) =>
      call(
        'findConversation',
        () => inner.findConversation(r),
        (v, d) => (v === null || v === undefined ? null : validateConversation(v, d)),
      ),
    listMessages: (r) =>
      call(
        'listMessages',
        () => inner.listMessages(r),
        (v, d) => validateMessagePage(v, r.conversationId, d),
      ),
    sendMessage: (r) => call('sendMessage', () => inner.sendMessage(r), validateMessage),
    uploadAttachment: (r) => call('uploadAttachment', () => inner.uploadAttachment(r), validateAttachment),
    deleteMessage: (r) =>
      call(
        'deleteMessage',
        () => inner.deleteMessage(r),
        () => undefined,
      ),
    deleteConversation: (r) =>
      call(
        'deleteConversation',
        () => inner.deleteConversation(r),
        () => undefined,
      ),
    markRead: (r) => call('markRead', () => inner.markRead(r), validateConversation),
    markUnread: (r) => call('markUnread', () => inner.markUnread(r), validateConversation),
    searchContacts: (r) => call('searchContacts', () => inner.searchContacts(r), listOf(validateContact)),
    // Optional: present only when the transport offers it.
    ...(typeof inner.searchMessages === 'function'
      ? {
          searchMessages: (r: Parameters<NonNullable<Transport['searchMessages']>>[0]) =>
            call('searchMessages', () => inner.searchMessages!(r), validateSearchPage),
        }
      : {}),
    // The optional "send later" capability: present only when the transport has all of it.
    ...(hasScheduling(inner)
      ? {
          scheduleMessage: (r) => call('scheduleMessage', () => inner.scheduleMessage(r), validateScheduled),
          listScheduled: (r) =>
            call('listScheduled', () => inner.listScheduled(r), listOf(validateScheduled)),
          updateScheduled: (r) => call('updateScheduled', () => inner.updateScheduled(r), validateScheduled),
          cancelScheduled: (r) =>
            call(
              'cancelScheduled',
              () => inner.cancelScheduled(r),
              () => undefined,
            ),
          sendScheduledNow: (r) => call('sendScheduledNow', () => inner.sendScheduledNow(r), validateMessage),
        }
      : {}),
    // Optional capabilities stay absent when the inner transport lacks them.
    ...(inner.listSavedReplies
      ? {
          listSavedReplies: (o) =>
            call('listSavedReplies', () => inner.listSavedReplies!(o), listOf(validateSavedReply)),
        }
      : {}),
    ...(inner.saveSavedReply && inner.deleteSavedReply
      ? {
          saveSavedReply: (r) => call('saveSavedReply', () => inner.saveSavedReply!(r), validateSavedReply),
          deleteSavedReply: (r) =>
            call(
              'deleteSavedReply',
              () => inner.deleteSavedReply!(r),
              () => undefined,
            ),
        }
      : {}),
    subscribe(listener: (event: TransportEvent) => void, options?: SubscribeOptions) {
      return inner.subscribe((raw) => {
        let event: TransportEvent;
        const dropped: Counter = { count: 0 };
        try {
          event = validateEvent(raw, dropped);
        } catch (error) {
          report(error instanceof Error ? error : new PayloadError(String(error)));
          return;
        }
        if (dropped.count) report(new PayloadError(`event: ${dropped.count} malformed entries dropped`));
        try {
          listener(event);
        } catch (error) {
          report(error instanceof Error ? error : new PayloadError(String(error)));
        }
      }, options);
    },
  };
}
