import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/media-viewer/media-viewer.define.js';
import type { Attachment } from '../src/model/attachment.js';
import type { Message } from '../src/model/message.js';
import { demoVideoReady, makePng } from '../src/transport/memory/index.js';
import type { DemoMediaKind } from '../src/transport/memory/index.js';
import { storyRig, withClient } from './support/with-client.js';
import type { ClientParameters } from './support/with-client.js';

const meta: Meta = {
  title: 'Elements/Media viewer',
  component: 'sms-media-viewer',
  decorators: [withClient],
  render: () => html`<sms-media-viewer></sms-media-viewer>`,
};
export default meta;

type Story = StoryObj;
const client = (p: ClientParameters) => ({ client: p });

/** A sender no seeded chat uses, and the account's main number. */
const PERSON = '+12025550143';
const OWN = '+12025550199';

/** One message of the story's chat: demo files by kind, or attachments made here. */
type MessageFiles = readonly DemoMediaKind[] | readonly Attachment[];

function blobAttachment(id: string, name: string, type: string, body: BlobPart, servedAs = type): Attachment {
  const blob = new Blob([body], { type: servedAs });
  return { id, name, type, size: blob.size, url: URL.createObjectURL(blob) };
}

/**
 * Delivers `messages` (oldest first) from one person into a new chat, then opens the viewer
 * on file `open` (`[message, file]`, default: the first file of the last message).
 */
async function openGallery(
  canvasElement: HTMLElement,
  messages: readonly MessageFiles[],
  open?: readonly [number, number],
): Promise<void> {
  const viewer = canvasElement.querySelector('sms-media-viewer')!;
  const { backend } = storyRig();
  if (messages.some((files) => files.includes('video' as never))) await demoVideoReady();
  const received: Message[] = [];
  for (const files of messages) {
    const demo = files.every((f) => typeof f === 'string');
    received.push(
      await backend.receive({
        ...(received[0] ? { conversationId: received[0].conversationId } : { from: PERSON, to: OWN }),
        text: '',
        ...(demo ? { media: files as DemoMediaKind[] } : { attachments: files as Attachment[] }),
      }),
    );
  }
  const [m, f] = open ?? [received.length - 1, 0];
  viewer.open({ conversationId: received[0]!.conversationId, attachmentId: received[m]!.attachments[f]!.id });
}

const PHOTOS: readonly MessageFiles[] = [
  ['photo'],
  ['portrait', 'panorama'],
  ['screenshot'],
  ['gif'],
  ['video'],
];

/** Photos, a GIF and a video: fitted, with zoom, the "n of m" counter and the strip of thumbnails. */
export const Images: Story = {
  play: async ({ canvasElement }) => openGallery(canvasElement, PHOTOS, [1, 0]),
};

/** A PDF (the browser's viewer where it has one, else a card), a voice note and documents as cards. */
export const DocumentsAndCards: Story = {
  name: 'Documents and cards',
  play: async ({ canvasElement }) =>
    openGallery(
      canvasElement,
      [
        ['pdf'],
        ['audio'],
        [
          blobAttachment(
            'quote',
            'Quote 2291 (signed).docx',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'PK',
          ),
          blobAttachment('sheet', 'inventory.csv', 'text/csv', 'sku,qty\nA-1,4\n'),
        ],
      ],
      [2, 0],
    ),
};

/**
 * Hostile files: a name made of markup, an SVG with script, and HTML labelled `image/jpeg`.
 * Names show as text; the SVG and the fake JPEG are cards; no script runs.
 */
export const HostileFile: Story = {
  name: 'Hostile file',
  play: async ({ canvasElement }) => {
    const png = makePng(320, 240, 10);
    const script = 'window.__hostile = true';
    await openGallery(
      canvasElement,
      [
        [blobAttachment('markup', `"><img src=x onerror="${script}">.png`, 'image/png', png)],
        [
          blobAttachment(
            'svg',
            'drawing.svg',
            'image/svg+xml',
            `<svg xmlns="http://www.w3.org/2000/svg" onload="${script}"><script>${script}</script></svg>`,
          ),
        ],
        [blobAttachment('html', 'holiday.jpg', 'image/jpeg', `<script>${script}</script>`, 'text/html')],
      ],
      [1, 0],
    );
    if ((window as { __hostile?: boolean }).__hostile) throw new Error('a hostile file ran script');
  },
};

/** The details of the file on screen: name, type, size, dimensions, sender and time. */
export const DetailsOpen: Story = {
  name: 'Details open',
  render: () => html`<sms-media-viewer details-open></sms-media-viewer>`,
  play: async ({ canvasElement }) => openGallery(canvasElement, PHOTOS, [0, 0]),
};

/** The strip of thumbnails hidden (its small arrow, `f` or ↑ shows it again). */
export const StripHidden: Story = {
  name: 'Strip hidden',
  render: () => html`<sms-media-viewer strip-hidden></sms-media-viewer>`,
  play: async ({ canvasElement }) => openGallery(canvasElement, PHOTOS),
};

/** Spanish labels, counter and dates. */
export const Spanish: Story = {
  parameters: client({ lang: 'es' }),
  render: () => html`<sms-media-viewer details-open></sms-media-viewer>`,
  play: async ({ canvasElement }) => openGallery(canvasElement, PHOTOS, [2, 0]),
};

/** In a dark page (the viewer is always on a dark backdrop). */
export const Dark: Story = {
  render: () => html`<sms-media-viewer theme="dark"></sms-media-viewer>`,
  play: async ({ canvasElement }) => openGallery(canvasElement, [...PHOTOS, ['pdf']]),
};
