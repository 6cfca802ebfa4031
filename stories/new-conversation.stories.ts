import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withClient, waitFor } from './support/with-client.js';

const meta: Meta = {
  title: 'Elements/New conversation',
  component: 'sms-new-conversation',
  decorators: [withClient],
  render: () => html`<sms-new-conversation></sms-new-conversation>`,
};
export default meta;

type Story = StoryObj;

function typeInto(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** An empty "To" field with the From choice. */
export const Default: Story = {};

/** Typing part of a name lists the matching contacts' numbers with their labels. */
export const Filtering: Story = {
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('sms-new-conversation')!;
    const input = await waitFor(() => picker.shadowRoot!.querySelector('input'));
    typeInto(input, 'an');
    await waitFor(() => picker.shadowRoot!.querySelector('[part="suggestion"]'));
  },
};

/** A full number typed in can be added with "Send to". */
export const SendToNumber: Story = {
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('sms-new-conversation')!;
    const input = await waitFor(() => picker.shadowRoot!.querySelector('input'));
    typeInto(input, '(415) 555-0134');
    const option = await waitFor(() =>
      [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[part="suggestion"]')].find((o) =>
        o.textContent!.includes('Send to'),
      ),
    );
    option.click();
    await waitFor(() => picker.shadowRoot!.querySelector('[part="chip"]'));
  },
};

/** Several recipients make a group. */
export const Group: Story = {
  render: () =>
    html`<sms-new-conversation
      .participants=${['+14155550134', '+14155550135', '+12025550143']}
    ></sms-new-conversation>`,
};

/** An invalid number gets an inline error and is not added. */
export const InvalidNumber: Story = {
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('sms-new-conversation')!;
    const input = await waitFor(() => picker.shadowRoot!.querySelector('input'));
    typeInto(input, '12345');
    (picker as unknown as { addTyped(): boolean }).addTyped();
    await waitFor(() => picker.shadowRoot!.querySelector('[part="error"]')!.textContent!.trim());
  },
};

/** A toll-free From number: one recipient, no attachments, and it says so. */
export const TollFree: Story = {
  render: () =>
    html`<sms-new-conversation from="+18005550199" .participants=${['+14155550134']}></sms-new-conversation>`,
};

/** Spanish. */
export const Spanish: Story = { parameters: { client: { lang: 'es' } } };
