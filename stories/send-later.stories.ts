import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { MessagesClient } from '../src/store/client.js';
import type { MemoryBackend } from '../src/transport/memory/index.js';
import { waitFor, withClient } from './support/with-client.js';

/** A small photo (a drawn PNG), as a person would attach from their computer. */
async function photo(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#9fc5e8';
  g.fillRect(0, 0, 320, 240);
  g.fillStyle = '#38761d';
  g.fillRect(0, 160, 320, 80);
  g.fillStyle = '#f1c232';
  g.beginPath();
  g.arc(250, 60, 30, 0, 2 * Math.PI);
  g.fill();
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], 'site-photo.png', { type: 'image/png' });
}

/**
 * Picks the first one-to-one chat, and schedules two messages in it (one cancelled by a reply,
 * one with a photo).
 */
async function withScheduled(_backend: MemoryBackend, client: MessagesClient): Promise<void> {
  await client.start();
  const c = client.getState().conversations.find((x) => x.participants.length === 1)!;
  client.selectConversation(c.id);
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  await client.scheduleMessage({
    conversationId: c.id,
    text: 'Reminder: your appointment is tomorrow at 10:30. Reply C to confirm.',
    sendAt: tomorrow.getTime(),
  });
  const file = await photo();
  const attachment = await client.upload(file, { from: c.ownNumber, name: file.name });
  await client.scheduleMessage({
    conversationId: c.id,
    text: 'Just checking in: did the technician fix the heater?',
    attachments: [attachment],
    sendAt: tomorrow.getTime() + 3 * 86_400_000,
    cancelIfReplied: true,
  });
}

const meta: Meta = {
  title: 'Elements/Send later',
  component: 'sms-send-later',
  decorators: [withClient],
  render: () => html`<sms-thread style="flex: 1"></sms-thread><sms-composer></sms-composer>`,
  parameters: { client: { setup: withScheduled } },
};
export default meta;

type Story = StoryObj;

/**
 * Scheduled messages at the bottom of the chat, soonest first, each with its time, its photo or
 * file, Edit, Send now and Cancel; the clock next to "Send message" schedules the next one.
 */
export const Scheduled: Story = {
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('sms-thread')!;
    // Both messages listed, the photo of the second drawn.
    await waitFor(() =>
      thread
        .shadowRoot!.querySelector('sms-scheduled-list')
        ?.shadowRoot?.querySelector('[part="attachments"] img'),
    );
  },
};

/** The "Send later" dialog, in Spanish: presets with the time each means, a date and time field, cancel if they reply. */
export const PickerSpanish: Story = {
  parameters: { client: { setup: withScheduled, lang: 'es' } },
  play: async ({ canvasElement }) => {
    // As a person would: the chat is on screen (its scheduled messages listed) before typing.
    const thread = canvasElement.querySelector('sms-thread')!;
    await waitFor(() =>
      thread.shadowRoot!.querySelector('sms-scheduled-list')?.shadowRoot?.querySelector('li'),
    );
    const composer = canvasElement.querySelector('sms-composer')!;
    const field = await waitFor(() => composer.shadowRoot!.querySelector('textarea'));
    field.value = 'Le confirmamos la cita del jueves a las 10:30.';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const picker = await waitFor(() => composer.shadowRoot!.querySelector('sms-send-later'));
    const button = await waitFor(() =>
      picker.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]'),
    );
    button.click();
    await waitFor(() => picker.shadowRoot!.querySelector('dialog[open]'));
  },
};
