import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attachment } from '../../model/attachment.js';
import type { MessagesClient } from '../../store/client.js';
import type { AttachmentQueue } from './attachment-queue.js';

const DRAFT_DELAY_MS = 250;

/** What the draft controller reads from the composer that owns it (the host itself is the element). */
export interface DraftOptions {
  /** The client now (the provider's or the `.client` property). */
  readonly client: () => MessagesClient | undefined;
  /** The text in the field. */
  readonly text: () => string;
  readonly setText: (text: string) => void;
  readonly attachments: AttachmentQueue;
  /** Another conversation's draft is shown: what was said about the last one (notices, a warning) goes. */
  readonly cleared: () => void;
}

/**
 * Keeps a draft per conversation: what is in the field and the uploaded files are written to the
 * client's drafts a moment after typing (at once on blur, on leaving, or when asked), and the
 * conversation's draft is shown again when the composer switches to it. A draft belongs to the
 * client it was written with: another client (another account) never gets it.
 */
export class DraftController implements ReactiveController {
  readonly #options: DraftOptions;
  #for: string | null = null;
  #client: MessagesClient | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: DraftOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Leaving the page: the draft is kept now. */
  hostDisconnected(): void {
    this.save();
  }

  /** The conversation the draft in the field belongs to. */
  get conversationId(): string | null {
    return this.#for;
  }

  /** Keeps the old conversation's draft and restores the new one's, when the conversation or the client changed. */
  follow(id: string | null): void {
    if (id !== this.#for || this.#options.client() !== this.#client) this.#switch(id);
  }

  /** The chat being written to was found again under another id (its real one): the draft goes with it. */
  moved(from: string, to: string): void {
    if (this.#for === from) this.#for = to;
  }

  /** Saves after a short pause (typing). */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.save(), DRAFT_DELAY_MS);
  }

  save(): void {
    const options = this.#options;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const id = this.#for;
    const client = options.client();
    if (!id || !client || client !== this.#client) return;
    const attachments = options.attachments.uploaded;
    const current = client.getState().drafts[id];
    if ((current?.text ?? '') === options.text() && sameAttachments(current?.attachments ?? [], attachments))
      return;
    try {
      client.setDraft(id, { text: options.text(), attachments });
    } catch {
      // A destroyed client keeps no drafts; the text stays in the field.
    }
  }

  /** Shows the draft's text again after code changed it; the files being attached are left as they are. */
  reloadText(): void {
    const id = this.#for;
    const draft = id ? this.#client?.getState().drafts[id] : undefined;
    if (draft && draft.text !== this.#options.text()) this.#options.setText(draft.text);
  }

  #switch(id: string | null): void {
    const options = this.#options;
    const client = options.client();
    const waiting = id ? client?.getState().drafts[id] : undefined;
    if (
      this.#for === null &&
      id !== null &&
      client === this.#client &&
      (options.text() || options.attachments.chips.length) &&
      !waiting?.text &&
      !waiting?.attachments.length
    ) {
      // Typed while the chat of `participants` was being looked up: it is that chat's draft.
      this.#for = id;
      this.save();
      return;
    }
    this.save();
    this.#for = id;
    this.#client = options.client();
    const draft = id ? this.#client?.getState().drafts[id] : undefined;
    options.setText(draft?.text ?? '');
    options.attachments.restore(draft?.attachments ?? []);
    options.cleared();
  }
}

function sameAttachments(a: readonly Attachment[], b: readonly Attachment[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
}
