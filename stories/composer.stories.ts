import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { waitFor, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';
import type { SmsComposer } from '../src/components/composer/composer.js';

const meta: Meta = {
  title: 'Elements/Composer',
  component: 'sms-composer',
  decorators: [withClient],
  render: () => html`<sms-composer participants="+12025550143"></sms-composer>`,
  parameters: { client: { height: 'auto' } },
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: { height: 'auto', ...p } });
const composer = (root: HTMLElement) => root.querySelector<SmsComposer>('sms-composer')!;

async function type(root: HTMLElement, text: string): Promise<void> {
  const el = composer(root);
  const field = await waitFor(() => el.shadowRoot!.querySelector('textarea'));
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function jpeg(name: string, size: number): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return new File([bytes], name, { type: 'image/jpeg' });
}

/** Empty: "Send message" is disabled until there is something to send. */
export const Default: Story = {};

/** Text with the live counter (GSM-7, 2 segments). */
export const Counter: Story = {
  play: ({ canvasElement }) => type(canvasElement, 'Your technician is on the way. '.repeat(6)),
};

/** A character forces Unicode: the counter says which, and offers plain characters. */
export const Unicode: Story = {
  play: ({ canvasElement }) => type(canvasElement, 'It’s confirmed — see you at 3 pm… 👍'),
};

/** Past the 1,600-character cap: blocked with a message. */
export const TooLong: Story = {
  play: ({ canvasElement }) => type(canvasElement, 'x'.repeat(1601)),
};

/** Files uploading, each with its own progress; Send waits for the last one. */
export const Uploading: Story = {
  parameters: client({ backend: { uploadBytesPerSecond: 40_000 } }),
  play: async ({ canvasElement }) => {
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('textarea'));
    await composer(canvasElement).addFiles([jpeg('site-photo.jpg', 600_000), jpeg('meter.jpg', 900_000)]);
  },
};

/** Files refused before upload: each limit named. */
export const Refused: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => composer(canvasElement).shadowRoot!.querySelector('textarea'));
    await composer(canvasElement).addFiles([
      jpeg('huge.jpg', 2 * 1024 * 1024 + 1),
      new File(['<html></html>'], 'invoice.jpg', { type: 'image/jpeg' }),
    ]);
  },
};

/** From a toll-free number: SMS only, the paperclip is disabled with the reason. */
export const TollFree: Story = {
  render: () => html`<sms-composer participants="+12025550143" from="+18005550199"></sms-composer>`,
};

/** The customer replied STOP: locked with a banner. */
export const OptedOut: Story = {
  parameters: client({
    setup: async (backend, c) => {
      await c.start();
      await backend.receive({ from: '+12025550143', text: 'STOP' });
    },
  }),
};

/** Spanish labels. */
export const Spanish: Story = {
  parameters: client({ lang: 'es' }),
  play: ({ canvasElement }) => type(canvasElement, 'Hola — ¿qué tal?'),
};

/** Dark theme. */
export const Dark: Story = {
  render: () => html`<sms-composer theme="dark" participants="+12025550143"></sms-composer>`,
};
