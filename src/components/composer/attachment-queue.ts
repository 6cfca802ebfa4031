import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_FILE, ICON_X_SMALL } from '../../internal/icons.js';
import type { OwnNumber } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import { checkAttachments } from '../../rules/attachment-policy.js';
import type { AttachmentViolation, ResolvedPolicy } from '../../rules/attachment-policy.js';
import { detectFileType } from '../../rules/file-type.js';
import type { DetectedFileType } from '../../rules/file-type.js';
import { isImageBomb, readMediaInfo } from '../../rules/media-info.js';
import type { MessagesClient } from '../../store/client.js';
import { canDownscale, downscaleImage } from './downscale.js';

type ChipStatus = 'uploading' | 'done' | 'failed';

/** A file being attached: its upload's progress, or the attachment it became. */
export interface Chip {
  readonly key: number;
  readonly name: string;
  readonly size: number;
  readonly file?: File;
  readonly detected?: DetectedFileType | null;
  readonly preview?: string;
  status: ChipStatus;
  loaded: number;
  attachment?: Attachment;
  error?: string;
  controller?: AbortController;
}

/** A message about a refused file (or, from the composer, a blocked send). */
export interface Notice {
  readonly message: string;
  /** A file that could fit once resized. */
  readonly resize?: { readonly file: File; readonly budget: number };
}

/** What the queue reads from the composer that owns it (the host itself is the element). */
export interface AttachmentQueueOptions {
  readonly locale: LocaleController;
  readonly client: () => MessagesClient | undefined;
  /** The sending number, whose limits apply and which uploads the files. */
  readonly own: () => OwnNumber | undefined;
  readonly policy: () => ResolvedPolicy;
  /** Resize images over the limits without asking. */
  readonly autoDownscale: () => boolean;
  /** Shows messages about refused or resized files. */
  readonly notify: (notices: readonly Notice[]) => void;
  /** The attached files changed for good (an upload finished, a file was removed): keep the draft. */
  readonly changed: () => void;
  /** Gives the focus back to the message field. */
  readonly focusField: () => void;
}

/**
 * The composer's files: each checked against the sending number's limits before it uploads
 * (image bombs refused from their header, too-large images resized or offered "Resize and
 * attach"), uploaded with its own progress, cancel and retry, and shown as a chip. A chip's
 * upload is aborted and its preview URL revoked whenever the chip goes.
 */
export class AttachmentQueue implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: AttachmentQueueOptions;
  #chips: readonly Chip[] = [];
  #keys = 0;

  constructor(host: ReactiveControllerHost, options: AttachmentQueueOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Leaving the page: every upload stops and every preview URL is let go. */
  hostDisconnected(): void {
    this.discardAll();
  }

  get chips(): readonly Chip[] {
    return this.#chips;
  }

  /** The attachments whose upload finished (what a draft keeps). */
  get uploaded(): Attachment[] {
    return this.#chips.flatMap((c) => (c.status === 'done' && c.attachment ? [c.attachment] : []));
  }

  /** The attachments a send takes. */
  get attachments(): Attachment[] {
    return this.#chips.flatMap((c) => (c.attachment ? [c.attachment] : []));
  }

  get uploading(): boolean {
    return this.#chips.some((c) => c.status === 'uploading');
  }

  get failed(): boolean {
    return this.#chips.some((c) => c.status === 'failed');
  }

  /** Shows a draft's attachments (the uploads of the files shown before are let go). */
  restore(attachments: readonly Attachment[]): void {
    this.discardAll();
    this.#set(
      attachments.map((attachment) => ({
        key: ++this.#keys,
        name: attachment.name,
        size: attachment.size,
        status: 'done' as const,
        loaded: attachment.size,
        attachment,
        ...(attachment.type.startsWith('image/') && (attachment.thumbnailUrl || attachment.url)
          ? { preview: attachment.thumbnailUrl || attachment.url }
          : {}),
      })),
    );
  }

  /** Sent: the chips go (their uploads are finished; their previews are revoked). */
  clear(): void {
    for (const chip of this.#chips) revokePreview(chip);
    this.#set([]);
  }

  /** Aborts every upload and revokes every preview, leaving the chips shown. */
  discardAll(): void {
    for (const chip of this.#chips) discard(chip);
  }

  /** Adds files as if picked with the paperclip: checked, then uploaded. */
  async add(files: Iterable<File>): Promise<void> {
    const { locale } = this.#options;
    let list = [...files];
    if (!list.length) return;
    const policy = this.#options.policy();
    // A tiny file can claim gigapixels and freeze the tab when decoded: refuse it from its header.
    const bombs = new Set<File>();
    for (const file of list) {
      const info = readMediaInfo(new Uint8Array(await file.slice(0, 65_536).arrayBuffer()));
      if (isImageBomb(info)) {
        bombs.add(file);
        this.#options.notify([
          { message: locale.t('imageTooManyPixels', file.name, info.width!, info.height!) },
        ]);
      }
    }
    list = list.filter((f) => !bombs.has(f));
    if (!list.length) return;
    // A file that cannot be read has no detected type: the check refuses it with its name.
    const detected = await Promise.all(list.map((f) => detectFileType(f).catch(() => null)));
    const existing = this.#chips.filter((c) => c.status !== 'failed' || c.file);
    const { accepted, rejected } = checkAttachments(
      existing.map((c) => ({ name: c.name, size: c.size })),
      list.map((file, i) => ({ name: file.name, size: file.size, detected: detected[i] ?? null })),
      policy,
    );
    const notices: Notice[] = [];
    for (const { file, violation } of rejected) {
      const original = list.find((f) => f.name === file.name && f.size === file.size)!;
      const budget = this.#budgetFor(violation, policy);
      if (budget && canDownscale(file.detected?.kind)) {
        if (this.#options.autoDownscale()) {
          void this.resizeAndAdd(original, budget);
          continue;
        }
        notices.push({ message: this.#explain(violation), resize: { file: original, budget } });
      } else {
        notices.push({ message: this.#explain(violation) });
      }
    }
    this.#options.notify(notices);
    for (const candidate of accepted) {
      const index = list.findIndex((f) => f.name === candidate.name && f.size === candidate.size);
      const file = list.splice(index, 1)[0]!;
      detected.splice(index, 1);
      this.#startUpload(file, candidate.detected);
    }
  }

  async resizeAndAdd(file: File, budget: number): Promise<void> {
    const { locale } = this.#options;
    const smaller = await downscaleImage(file, budget);
    if (!smaller) {
      this.#options.notify([{ message: locale.t('resizeFailed', file.name) }]);
      return;
    }
    this.#options.notify([{ message: locale.t('resized', file.name, locale.bytes(smaller.size)) }]);
    await this.add([smaller]);
  }

  render(): TemplateResult | typeof nothing {
    const { locale } = this.#options;
    if (!this.#chips.length) return nothing;
    return html`<ul class="chips" aria-label=${locale.t('attachedFiles')}>
      ${this.#chips.map((chip) => {
        const percent = chip.size ? Math.round((chip.loaded / chip.size) * 100) : 100;
        return html`<li class=${classMap({ chip: true, [chip.status]: true })} part="chip">
          ${chip.preview ? html`<img class="thumb" src=${chip.preview} alt="" />` : html`<span class="thumb">${ICON_FILE}</span>`}
          <span class="meta">
            <bdi class="name" title=${chip.name}>${chip.name}</bdi>
            <span class="size">
              ${chip.status === 'failed' ? (chip.error ?? locale.t('uploadFailed')) : locale.bytes(chip.size)}
            </span>
            ${
              chip.status === 'uploading'
                ? html`<progress
                    max="100"
                    .value=${percent}
                    aria-label=${locale.t('uploading', chip.name)}
                  ></progress>`
                : nothing
            }
          </span>
          ${
            chip.status === 'failed' && chip.file
              ? html`<button
                  class="small"
                  type="button"
                  aria-label=${locale.t('retryUpload', chip.name)}
                  @click=${() => this.#retry(chip)}
                >
                  ${locale.t('retry')}
                </button>`
              : nothing
          }
          <button
            class="icon tiny"
            type="button"
            aria-label=${
              chip.status === 'uploading'
                ? locale.t('cancelUpload', chip.name)
                : locale.t('removeFile', chip.name)
            }
            @click=${() => this.#remove(chip)}
          >
            ${ICON_X_SMALL}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #set(chips: readonly Chip[]): void {
    this.#chips = chips;
    this.#host.requestUpdate();
  }

  /** The byte budget a too-large image would have to fit in, or 0 when resizing can't help. */
  #budgetFor(violation: AttachmentViolation, policy: ResolvedPolicy): number {
    if (violation.code !== 'file-too-large' && violation.code !== 'message-too-large') return 0;
    const used = this.#chips.filter((c) => c.status !== 'failed').reduce((sum, c) => sum + c.size, 0);
    const budget = Math.min(policy.maxFileBytes, policy.maxMessageBytes - used);
    return budget > 16 * 1024 ? budget : 0;
  }

  #explain(violation: AttachmentViolation): string {
    if (violation.code === 'mms-not-allowed') return this.#options.locale.t('tollFreeNoAttachments');
    return violation.message;
  }

  #startUpload(file: File, detected: DetectedFileType | null, replacing?: Chip): void {
    const { locale } = this.#options;
    const client = this.#options.client();
    const own = this.#options.own();
    const preview =
      replacing?.preview ??
      (detected?.family === 'image' && !detected.active && typeof URL.createObjectURL === 'function'
        ? URL.createObjectURL(file)
        : undefined);
    const chip: Chip = {
      key: replacing?.key ?? ++this.#keys,
      name: file.name,
      size: file.size,
      file,
      detected,
      ...(preview ? { preview } : {}),
      status: 'uploading',
      loaded: 0,
      controller: new AbortController(),
    };
    this.#set(replacing ? this.#chips.map((c) => (c === replacing ? chip : c)) : [...this.#chips, chip]);
    if (!client || !own) {
      this.#update(chip, { status: 'failed', error: locale.t('uploadFailed') });
      return;
    }
    client
      .upload(file, {
        from: own.number,
        name: file.name,
        signal: chip.controller!.signal,
        onProgress: (loaded) => this.#update(chip, { loaded }),
      })
      .then(
        (attachment) => {
          this.#update(chip, { status: 'done', loaded: chip.size, attachment });
          this.#options.changed();
        },
        (error: unknown) => {
          if (chip.controller?.signal.aborted) return; // cancelled: the chip is gone
          const reason = error instanceof Error && error.message ? error.message : locale.t('uploadFailed');
          this.#update(chip, { status: 'failed', error: reason });
        },
      );
  }

  #update(chip: Chip, changes: Partial<Chip>): void {
    if (!this.#chips.includes(chip)) return;
    Object.assign(chip, changes);
    this.#set([...this.#chips]);
  }

  #remove(chip: Chip): void {
    discard(chip);
    this.#set(this.#chips.filter((c) => c !== chip));
    this.#options.changed();
    this.#options.focusField();
  }

  #retry(chip: Chip): void {
    if (chip.file) this.#startUpload(chip.file, chip.detected ?? null, chip);
  }
}

/** What the file picker offers: the kinds the sending number allows. */
export function acceptedFiles(policy: ResolvedPolicy): string {
  const map: Record<string, string> = {
    jpg: '.jpg,.jpeg,image/jpeg',
    jpeg: '.jpg,.jpeg,image/jpeg',
    gif: '.gif,image/gif',
    png: '.png,image/png',
    pdf: '.pdf,application/pdf',
    ppt: '.ppt,.pptx',
    doc: '.doc,.docx',
    xls: '.xls,.xlsx',
    audio: 'audio/*',
    video: 'video/*',
    image: 'image/*',
  };
  return [...new Set(policy.allowedKinds.map((k) => map[k.toLowerCase()] ?? `.${k.toLowerCase()}`))].join(
    ',',
  );
}

/** A chip going: its upload stops and its preview URL is let go. */
function discard(chip: Chip): void {
  chip.controller?.abort();
  revokePreview(chip);
}

function revokePreview(chip: Chip): void {
  if (chip.preview?.startsWith('blob:')) URL.revokeObjectURL(chip.preview);
}
