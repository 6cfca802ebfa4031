import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { selectConversation, storyRig, waitFor, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';

const meta: Meta = {
  title: 'Elements/Thread',
  component: 'sms-thread',
  decorators: [withClient],
  render: () => html`<sms-thread style="flex: 1"></sms-thread>`,
  parameters: { client: { setup: selectConversation((c) => c.participants.length === 1) } },
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: p });
const oneToOne = selectConversation((c) => c.participants.length === 1);

/** A one-to-one chat opened at the newest message, with day separators and delivery status. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() => thread.shadowRoot!.querySelector('[part="bubble"]'));
  },
};

/** A group MMS: sender names above others' bubbles. */
export const Group: Story = {
  parameters: client({ setup: selectConversation((c) => c.participants.length > 1) }),
};

/** Still loading (a slow network). */
export const Loading: Story = { parameters: client({ backend: { latencyMs: 600_000 }, setup: oneToOne }) };

/** The messages could not be loaded: an error with Retry. */
export const Failed: Story = {
  name: 'Error',
  parameters: client({
    setup: async (backend, c) => {
      await c.start();
      const id = c.getState().conversations.find((x) => x.participants.length === 1)!.id;
      backend.setOffline(true);
      c.selectConversation(id);
    },
  }),
};

/** A conversation with a new number: nothing yet. */
export const Empty: Story = {
  render: () => html`<sms-thread participants="+12025550143" style="flex: 1"></sms-thread>`,
};

/** 100,000 messages: virtualized, loaded page by page as the user scrolls up. */
export const HundredThousand: Story = {
  parameters: client({ backend: { hugeThread: 100_000 }, setup: selectConversation() }),
};

/** A message failed to send: "Not sent. Click to try again." */
export const FailedMessage: Story = {
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() => thread.shadowRoot!.querySelector('[part="bubble"]'));
    const { backend, client: c } = storyRig();
    backend.failNextSends(1, 'invalid');
    const id = c.getState().selectedConversationId!;
    await c.send({ conversationId: id, text: 'This one will not go through' });
    await waitFor(() => thread.shadowRoot!.querySelector('.retry'));
  },
};

/** Hostile text and links arrive: shown as text, only http(s), tel and mailto links. */
export const HostileText: Story = {
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() => thread.shadowRoot!.querySelector('[part="bubble"]'));
    const { backend, client: c } = storyRig();
    const id = c.getState().selectedConversationId!;
    const conversation = c.getState().conversations.find((x) => x.id === id)!;
    await backend.receive({
      conversationId: id,
      from: conversation.participants[0]!,
      text: '<img src=x onerror=alert(1)> javascript:alert(1) see https://example.com/a?b=<c> or mailto:ops@example.com',
    });
  },
};

/** In a 320 px CRM sidebar, with the composer, for one customer's number. */
export const Sidebar: Story = {
  parameters: client({ width: '320px' }),
  render: () =>
    html`<sms-thread participants="+12025550143" style="flex: 1"></sms-thread>
      <sms-composer participants="+12025550143"></sms-composer>`,
};

/**
 * Reactions sent as texts (iPhone tapbacks, Android emoji reactions): drawn on the message they
 * quote, with the original text as the tooltip; one whose message is not loaded stays a bubble.
 */
export const Reactions: Story = {
  parameters: client({
    setup: async (backend, c) => {
      await c.start();
      const chat = c.getState().conversations.find((x) => x.participants.length === 1)!;
      const from = chat.participants[0]!;
      await c.openConversation(chat.id);
      c.selectConversation(chat.id);
      await backend.receive({ conversationId: chat.id, from, text: 'Can you come Tuesday?' });
      await c.send({ conversationId: chat.id, text: 'See you at 9' });
      await new Promise((r) => setTimeout(r, 600));
      await backend.receive({ conversationId: chat.id, from, text: 'Loved “See you at 9”' });
      await c.send({ conversationId: chat.id, text: 'Reacted 👍 to “Can you come Tuesday?”' });
      await backend.receive({ conversationId: chat.id, from, text: 'Le gustó “a message from last year”' });
    },
  }),
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() => thread.shadowRoot!.querySelectorAll('[part="reaction"]').length === 2, 8000);
  },
};

/** Spanish labels and dates. */
export const Spanish: Story = { parameters: client({ lang: 'es', setup: oneToOne }) };

/** Dark theme. */
export const Dark: Story = {
  render: () => html`<sms-thread theme="dark" style="flex: 1"></sms-thread>`,
};

/** Opened around a message 9,000 back (a search result): in the middle, highlighted, "Jump to the latest". */
export const JumpedToMessage: Story = {
  parameters: client({
    backend: { hugeThread: 10_000 },
    setup: async (_backend, client) => {
      await client.start();
      const id = client.getState().conversations[0]!.id;
      client.selectConversation(id);
      await client.openConversation({ conversationId: id, messageId: `${id}-m1000` });
    },
  }),
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() => thread.shadowRoot!.querySelector('.highlight [part~="bubble"]'), 10_000);
  },
};
