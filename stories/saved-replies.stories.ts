import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { waitFor, withClient } from './support/with-client.js';
import type { SmsComposer } from '../src/components/composer/composer.js';

/**
 * Saved replies and the checks before a send, in `<sms-composer>`: "/" at the start of the field
 * (or the replies button) opens the list; variables are filled from the chat and the host's
 * `replyVariables`, and those left are selected in turn with Tab.
 */
const meta: Meta = {
  title: 'Elements/Composer/Saved replies',
  component: 'sms-composer',
  decorators: [withClient],
  render: () =>
    html`<div style="padding-block-start: 340px">
      <sms-composer
        participants="+12025550143"
        .savedReplies=${[{ title: 'Review link', text: 'Thanks, {first_name}! A review helps us: https://example.com/r' }]}
        .replyVariables=${{ first_name: 'Maria', company: 'Bright Dental' }}
      ></sms-composer>
    </div>`,
  parameters: { client: { height: 'auto' } },
};
export default meta;

type Story = StoryObj;
const composer = (root: HTMLElement) => root.querySelector<SmsComposer>('sms-composer')!;

async function type(root: HTMLElement, text: string): Promise<HTMLTextAreaElement> {
  const field = await waitFor(() => composer(root).shadowRoot!.querySelector('textarea'));
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return field;
}

/** "/" typed at the start: the list of the host's and the backend's replies, filtered as you type. */
export const RepliesList: Story = {
  play: async ({ canvasElement }) => {
    await type(canvasElement, '/');
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelectorAll('[role="option"]').length > 3);
  },
};

/** A reply inserted: the name and company filled, `{date}` selected to type over, `{time}` next (Tab). */
export const VariablesToFill: Story = {
  play: async ({ canvasElement }) => {
    const field = await type(canvasElement, '/appointment');
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('[role="option"]'));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('.fill-hint:not([hidden])'));
  },
};
