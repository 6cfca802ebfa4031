import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/media-files/media-files.define.js';
import type { MemoryBackend } from '../src/transport/memory/index.js';
import type { MessagesClient } from '../src/store/client.js';
import { waitFor, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';

/** The conversation the story shows, chosen by its setup (which runs after the first render). */
let shown = '';

/** Points the element at the setup's conversation once there is one. */
async function show(canvas: HTMLElement): Promise<HTMLElement & { conversationId?: string }> {
  const el = canvas.querySelector<HTMLElement & { conversationId?: string }>('sms-media-files')!;
  el.conversationId = await waitFor(() => shown, 8000);
  return el;
}

const meta: Meta = {
  title: 'Elements/Media & files',
  component: 'sms-media-files',
  decorators: [withClient],
  render: () => html`<sms-media-files style="padding: 16px"></sms-media-files>`,
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: p });

/** A one-to-one chat that received photos, a PDF, a video and a voice note. */
async function withFiles(backend: MemoryBackend, c: MessagesClient): Promise<void> {
  shown = '';
  await c.start();
  const chat = c.getState().conversations.find((x) => x.participants.length === 1)!;
  shown = chat.id;
  for (const media of [
    ['photo', 'portrait'],
    ['pdf'],
    ['video'],
    ['audio'],
    ['panorama', 'screenshot'],
  ] as const)
    await backend.receive({ conversationId: chat.id, from: chat.participants[0]!, media: [...media] });
}

/**
 * Every photo, video and file of a chat, newest first: arrow keys move between tiles, Enter opens
 * one (`sms-media-open`; inside `<sms-messages>` the media viewer opens on it). The empty and
 * offline states are covered by test/components/media-files/media-files.test.ts.
 */
export const Default: Story = {
  parameters: client({ setup: withFiles }),
  play: async ({ canvasElement }) => {
    const el = await show(canvasElement);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part="tile"]').length >= 7, 8000);
  },
};
