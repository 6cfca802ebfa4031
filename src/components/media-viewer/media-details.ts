import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { participantName } from '../../internal/names.js';
import type { Conversation } from '../../model/conversation.js';
import { normalizeType } from '../../rules/media-preview.js';
import type { GalleryItem } from './gallery-items.js';

/** Known sizes of a file, measured when it loaded. */
export interface Measured {
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

/** What is known of each file's loading, by gallery key: loaded, failed, measured. */
export class LoadedFiles {
  readonly loaded = new Set<string>();
  readonly failed = new Set<string>();
  readonly measured = new Map<string, Measured>();

  /** The image or media element of `key` loaded (its metadata, for video and audio). */
  measure(key: string, element: HTMLImageElement | HTMLMediaElement): void {
    this.loaded.add(key);
    if (element instanceof HTMLImageElement) {
      this.measured.set(key, { width: element.naturalWidth, height: element.naturalHeight });
      return;
    }
    const video = element instanceof HTMLVideoElement ? element : null;
    this.measured.set(key, {
      ...(video && video.videoWidth ? { width: video.videoWidth, height: video.videoHeight } : {}),
      ...(Number.isFinite(element.duration) ? { duration: element.duration } : {}),
    });
  }

  /** The file of `key` could not be loaded: it shows as a card from now on. */
  fail(key: string): void {
    this.failed.add(key);
  }
}

/** "1:05" from seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** What the details panel of the viewer shows besides the file itself. */
export interface DetailsOptions {
  readonly open: boolean;
  /** Sizes measured when the file loaded, for files whose message does not say them. */
  readonly measured: Measured;
  /** Who sent it, as the person reads it. */
  readonly sender: string;
}

/** The details panel (the 'i' button) of the file on screen: an empty hidden panel without one. */
export function renderDetails(
  t: LocaleController,
  item: GalleryItem | undefined,
  { open, measured, sender }: DetailsOptions,
): TemplateResult {
  if (!item) return html`<aside id="details" class="details" part="details" hidden></aside>`;
  const { attachment, message } = item;
  const width = attachment.width ?? measured.width;
  const height = attachment.height ?? measured.height;
  const duration = attachment.duration ?? measured.duration;
  return html`<aside
    id="details"
    class="details"
    part="details"
    aria-label=${t.t('viewerDetails')}
    ?hidden=${!open}
  >
    <dl>
      <div>
        <dt>${t.t('viewerName')}</dt>
        <dd dir="auto">${attachment.name}</dd>
      </div>
      <div>
        <dt>${t.t('viewerType')}</dt>
        <dd>${normalizeType(attachment.type) || t.t('viewerUnknownType')}</dd>
      </div>
      <div>
        <dt>${t.t('viewerSize')}</dt>
        <dd>${t.bytes(attachment.size)}</dd>
      </div>
      ${
        width && height
          ? html`<div>
              <dt>${t.t('viewerDimensions')}</dt>
              <dd>${t.t('viewerDimensionsValue', width, height)}</dd>
            </div>`
          : nothing
      }
      ${
        duration
          ? html`<div>
              <dt>${t.t('viewerDuration')}</dt>
              <dd>${clock(duration)}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${t.t('viewerSentBy')}</dt>
        <dd dir="auto">${sender}</dd>
      </div>
      <div>
        <dt>${t.t('viewerSentAt')}</dt>
        <dd>
          <time datetime=${new Date(message.createdAt).toISOString()}>${t.dateTime(message.createdAt)}</time>
        </dd>
      </div>
    </dl>
  </aside>`;
}

/** Who sent the file: "You", else the contact's name or number in the chat (`conversation` once it is known). */
export function senderOf(
  t: LocaleController,
  { message }: GalleryItem,
  conversation: Conversation | undefined,
  country: string | undefined,
): string {
  if (message.direction === 'outbound') return t.t('viewerYou');
  return conversation
    ? participantName(conversation, message.from, (n) => t.phone(n, country))
    : t.phone(message.from, country);
}
