import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { storyRig, waitFor, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';

const meta: Meta = {
  title: 'Elements/Conversation list',
  component: 'sms-conversation-list',
  decorators: [withClient],
  render: () => html`<sms-conversation-list style="flex: 1"></sms-conversation-list>`,
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: p });

/** Conversations newest first; unread chats in bold with a count badge. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('sms-conversation-list')!;
    await waitFor(() => list.shadowRoot!.querySelector('[role="option"]'));
    // Rows and their unread state can arrive in separate renders: wait for the badge too.
    await waitFor(() => list.shadowRoot!.querySelector('.unread [part="badge"]')).catch(() => {
      throw new Error('an unread badge is shown');
    });
  },
};

/** Still loading the first page (a slow network). */
export const Loading: Story = { parameters: client({ backend: { latencyMs: 600_000 } }) };

/** The first page failed: an error with Retry. */
export const Failed: Story = {
  name: 'Error',
  parameters: client({ setup: (backend) => backend.setOffline(true) }),
};

/** No conversations yet. */
export const Empty: Story = { parameters: client({ backend: { conversations: 0 } }) };

/** A new message arrives and moves its chat to the top. */
export const Live: Story = {
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('sms-conversation-list')!;
    await waitFor(() => list.shadowRoot!.querySelector('[role="option"]'));
    const { backend } = storyRig();
    await backend.receive({ text: 'Just arrived — am I at the top?' });
  },
};

/** Spanish labels and dates. */
export const Spanish: Story = { parameters: client({ lang: 'es' }) };

/** Right-to-left. */
export const RightToLeft: Story = { parameters: client({ lang: 'ar', dir: 'rtl' }) };

/** Dark theme. */
export const Dark: Story = {
  render: () => html`<sms-conversation-list theme="dark" style="flex: 1"></sms-conversation-list>`,
};

/** A 320 px CRM sidebar. */
export const Sidebar: Story = { parameters: client({ width: '320px' }) };

/** 10,000 conversations, paged as the user scrolls. */
export const TenThousand: Story = {
  parameters: client({ backend: { conversations: 10_000, messagesPerConversation: [1, 2] } }),
};

/** The Unread chip pressed: only unread chats. */
export const FilteredUnread: Story = {
  render: () => html`<sms-conversation-list style="flex: 1" .filters=${['unread']}></sms-conversation-list>`,
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('sms-conversation-list')!;
    await waitFor(() => list.shadowRoot!.querySelector('[role="option"]'));
  },
};

/** Filters that match nothing: the empty state with "Clear filters". */
export const FilteredNoMatch: Story = {
  render: () =>
    html`<sms-conversation-list style="flex: 1" .filters=${['unread', 'failed']}></sms-conversation-list>`,
  parameters: client({ backend: { conversations: 20 } }),
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('sms-conversation-list')!;
    await waitFor(() => list.shadowRoot!.querySelector('button.clear'));
  },
};
