import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { selectConversation, waitFor, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';

const meta: Meta = {
  title: 'App/Messages',
  component: 'sms-messages',
  decorators: [withClient],
  render: () => html`<sms-messages style="flex: 1"></sms-messages>`,
  parameters: { client: { height: '640px' } },
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: { height: '640px', ...p } });

/** Two panes: the chats and the open conversation with its composer. */
export const Default: Story = {
  parameters: client({ setup: selectConversation((c) => c.participants.length === 1) }),
  play: async ({ canvasElement }) => {
    const app = canvasElement.querySelector('sms-messages')!;
    await waitFor(() => app.shadowRoot!.querySelector('sms-thread'));
  },
};

/** "Send New Message": the recipient picker above an empty thread. */
export const NewMessage: Story = {
  play: async ({ canvasElement }) => {
    const app = canvasElement.querySelector('sms-messages')!;
    await waitFor(() => app.shadowRoot!.querySelector('sms-conversation-list'));
    await app.startNewMessage();
  },
};

/** A phone: one pane at a time, with a back button. */
export const Phone: Story = { parameters: client({ width: '375px', height: '667px' }) };

/** A user without a texting number: the "Oops" state. */
export const Oops: Story = { parameters: client({ account: 1 }) };

/** The network is down: cached data, and a notice after a few seconds. */
export const Offline: Story = {
  parameters: client({
    setup: async (backend, c) => {
      await c.start();
      backend.setOffline(true);
    },
  }),
};

/** Spanish. */
export const Spanish: Story = { parameters: client({ lang: 'es' }) };

/** Dark theme. */
export const Dark: Story = {
  render: () => html`<sms-messages theme="dark" style="flex: 1"></sms-messages>`,
};
