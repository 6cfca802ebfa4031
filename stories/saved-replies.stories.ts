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

/**
 * Numbers from around the world, in zones far enough apart that at any moment it is night for at
 * least one of them (night is 9 PM–8 AM: 11 hours; no two neighbours here are more than 5.5 apart).
 * Real-format numbers: the fictional 555-01XX ones of North America are exempt from quiet hours.
 */
const NIGHT_CANDIDATES: readonly (readonly [string, string])[] = [
  ['+18089561234', 'Pacific/Honolulu'],
  ['+14155552671', 'America/Los_Angeles'],
  ['+12125557890', 'America/New_York'],
  ['+442079460123', 'Europe/London'],
  ['+919830012345', 'Asia/Kolkata'],
  ['+81312345678', 'Asia/Tokyo'],
];

/** A recipient for whom it is night now. */
function nightRecipient(): string {
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
        Date.now(),
      ),
    );
  return NIGHT_CANDIDATES.find(([, zone]) => hour(zone) >= 21 || hour(zone) < 8)![0];
}

/** Waits until "Send message" can be pressed, then presses it. */
async function pressSend(root: HTMLElement): Promise<void> {
  const send = await waitFor(() =>
    composer(root).shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]:not(:disabled)'),
  );
  send.click();
}

/**
 * Quiet hours: it is night where the recipient is (from the area code or the country), so the
 * send asks first with their local time: "It's 11:04 PM for … Send anyway?".
 */
export const QuietHours: Story = {
  render: () =>
    html`<div style="padding-block-start: 120px">
      <sms-composer participants=${nightRecipient()}></sms-composer>
    </div>`,
  play: async ({ canvasElement }) => {
    await type(canvasElement, 'Your technician can come tomorrow at 8:30. Reply Y to confirm.');
    await pressSend(canvasElement);
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('[role="alertdialog"]'));
  },
};

/** An emergency number: refused before anything is sent, with the reason ("Call it"). */
export const EmergencyNumber: Story = {
  render: () =>
    html`<div style="padding-block-start: 120px">
      <sms-composer participants="911"></sms-composer>
    </div>`,
  play: async ({ canvasElement }) => {
    await type(canvasElement, 'There is a fire at 12 Main Street');
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('[role="alert"]'));
  },
};
