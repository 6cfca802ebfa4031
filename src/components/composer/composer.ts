import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsSendEvent } from '../../events/send-event.js';
import type { SendDetail } from '../../events/send-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import type { MessagesClient } from '../../store/client.js';
import { participantName } from '../../internal/names.js';
import type { OwnNumber } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import { checkAttachments, checkRecipients, resolvePolicy } from '../../rules/attachment-policy.js';
import type { AttachmentViolation, ResolvedPolicy } from '../../rules/attachment-policy.js';
import { detectFileType } from '../../rules/file-type.js';
import { isImageBomb, readMediaInfo } from '../../rules/media-info.js';
import type { DetectedFileType } from '../../rules/file-type.js';
import { SMS_MAX_CHARACTERS, analyzeSms, toGsmFriendly } from '../../rules/sms-encoding.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { styles } from './composer.styles.js';
import { canDownscale, downscaleImage } from './downscale.js';
import { SavedRepliesPanel } from './saved-replies-panel.js';
import type { HostSavedReply, PanelMode } from './saved-replies-panel.js';
import { checkBeforeSend, replyValues } from './send-checks.js';
import type { QuietHoursOptions, ReplyVariables, SendStop } from './send-checks.js';
import type { ScheduleCheck } from '../send-later/send-later.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { fillReply, findVariables, nextVariable } from '../../rules/reply-variables.js';
import { screenRecipients } from '../../rules/special-numbers.js';
import { isProvisionalId } from '../../store/ids.js';

/** What {@link SmsComposer.preSendCheck} may answer. */
export type PreSendResult =
  | { readonly action: 'allow' }
  /** Not sent; the message is shown and the draft kept. */
  | { readonly action: 'block'; readonly message: string }
  /** The message is shown with "Send anyway" and "Cancel". */
  | { readonly action: 'warn'; readonly message: string };

/** What {@link PreSendCheck} is given: the message, and for "Send later" the time chosen. */
export interface PreSendDraft extends SendDetail {
  /** Set when the message is scheduled ("Send later"): when it would go out (ms since the epoch). */
  readonly sendAt?: number;
}

/**
 * A host hook run before each message goes out, sent now or scheduled (do-not-contact lists,
 * content rules…).
 */
export type PreSendCheck = (draft: PreSendDraft) => PreSendResult | void | Promise<PreSendResult | void>;

type ChipStatus = 'uploading' | 'done' | 'failed';

interface Chip {
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

interface Notice {
  readonly key: number;
  readonly message: string;
  /** A file that could fit once resized. */
  readonly resize?: { readonly file: File; readonly budget: number };
}

const ICON_CLIP = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path
    d="M16.5 6.5l-8 8a2 2 0 0 0 2.8 2.8l8.2-8.2a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5l6.4-6.4"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
  />
</svg>`;
const ICON_SEND = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M3 20.5l18-8.5L3 3.5 3 10l12 2-12 2z" fill="currentColor" />
</svg>`;
const ICON_REPLIES = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path
    d="M4 5h16v10H9l-5 4z M8 9h8 M8 12h5"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linejoin="round"
    stroke-linecap="round"
  />
</svg>`;
const ICON_FILE = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M6 2h9l5 5v15H6z M15 2v5h5" fill="none" stroke="currentColor" stroke-width="1.6" />
</svg>`;
const ICON_X = html`<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
  <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="1.8" />
</svg>`;

const DRAFT_DELAY_MS = 250;
const OPT_OUT_CHARS_SHOWN = 5;

/**
 * Writes and sends a message: "Type your message" with Enter to send (Shift+Enter for a new
 * line, never while an input method is composing), a live SMS counter (characters, GSM-7 or
 * Unicode, segments, × recipients in a group) with one-click "Replace with plain characters",
 * and files by the paperclip, drag-and-drop or paste, each checked against the sending number's
 * limits before it uploads and shown with its own progress, cancel and retry. "Send message" is
 * enabled once every upload has finished. Toll-free numbers send SMS only; a conversation with
 * someone who replied STOP is locked. Drafts are kept per conversation.
 *
 * @summary Writes and sends SMS and MMS.
 * @tag sms-composer
 *
 * @csspart field - The "Type your message" text area.
 * @csspart attach-button - The paperclip button.
 * @csspart send-button - The "Send message" button.
 * @csspart counter - The SMS counter.
 * @csspart chip - An attached file with its progress.
 * @csspart notice - A message about a refused file or a blocked send.
 * @csspart replies-button - The saved replies button.
 * @csspart replies-panel - The list of saved replies (and the form to write one).
 *
 * @cssprop [--sms-composer-max-lines=6] - Lines the field grows to before it scrolls.
 * @cssprop [--sms-composer-send=var(--sms-color-accent)] - Colour of the send arrow.
 *
 * @fires {SmsSendEvent} sms-send - Before a message is sent; cancel it and nothing is sent.
 */
export class SmsComposer extends SmsClientElement {
  static override tagName = 'sms-composer';
  static override styles = [tokens, controlReset, styles];
  static override shadowRootOptions: ShadowRootInit = {
    ...SmsClientElement.shadowRootOptions,
    delegatesFocus: true,
  };

  readonly #locale = new LocaleController(this);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #conversation = new ObserveController(this, () => {
    const id = this.#id;
    return id ? this.activeClient?.conversation$(id) : undefined;
  });
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);

  /** The conversation to write to. Without it, `participants` (or else the client's selection) decides. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Comma-separated E.164 numbers: the conversation with exactly these people (created on first send). */
  @property() participants?: string;

  /** With `participants`: the own number to text from. */
  @property() from?: string;

  /** Resize images that are over the limits without asking (otherwise "Resize and attach" is offered). */
  @property({ type: Boolean, attribute: 'auto-downscale' }) autoDownscale = false;

  /**
   * A host hook run before each message goes out, also before one is scheduled ("Send later",
   * with `sendAt`): it may block it or ask the user to confirm.
   */
  @property({ attribute: false }) preSendCheck?: PreSendCheck;

  /**
   * Saved replies the host gives (read-only here), shown before the transport's: `{ title, text }`
   * with `{variables}` such as `{first_name}`.
   */
  @property({ attribute: false }) savedReplies: readonly HostSavedReply[] = [];

  /**
   * Values for saved-reply variables (`{ company: 'ACME', date: '…' }`), or a callback given the
   * conversation (`null` before it exists) that answers them. They add to, and win over, the built-in
   * `first_name`, `last_name` (the contact's name in a one-to-one chat) and `agent_name` (the user).
   */
  @property({ attribute: false }) replyVariables?: ReplyVariables;

  /**
   * Quiet hours where the recipient is (by area code, or country): `{ start: '08:00', end: '21:00' }`
   * is the default window; `block: true` refuses sends outside it instead of asking; `false` turns
   * the check off.
   */
  @property({ attribute: false }) quietHours: QuietHoursOptions | false = {};

  /** Per-instance overrides of visible strings. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  @state() private text = '';
  @state() private chips: Chip[] = [];
  @state() private notices: Notice[] = [];
  @state() private dragging = false;
  @state() private busy = false;
  @state() private warning: {
    message: string;
    detail: SendDetail;
    key?: string;
    accepted?: readonly string[];
  } | null = null;
  @state() private resolvedId: string | null = null;

  @query('textarea') private field?: HTMLTextAreaElement;
  @query('input[type="file"]') private picker?: HTMLInputElement;

  #keys = 0;
  /** Where the replies button inserts: the field's selection when it was opened. */
  #insertAt: [number, number] | null = null;
  readonly #replies = new SavedRepliesPanel(this.#repliesHost());
  #draftFor: string | null = null;
  /** The client the draft in the field belongs to: another client (another account) never gets it. */
  #draftClient: MessagesClient | undefined;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  #dragDepth = 0;
  /** The new chat of `participants` was seen in the store under its provisional id. */
  #provisionalSeen = false;

  /** The conversation written to. */
  get #id(): string | null {
    return this.conversationId ?? (this.participants ? this.resolvedId : (this.#selected.value ?? null));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#saveDraft();
    for (const chip of this.chips) {
      chip.controller?.abort();
      if (chip.preview?.startsWith('blob:')) URL.revokeObjectURL(chip.preview);
    }
  }

  override focus(options?: FocusOptions): void {
    if (this.field) this.field.focus(options);
    else super.focus(options);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('participants') || changed.has('from') || changed.has('client')) void this.#resolve();
    const id = this.#id;
    if (id !== this.#draftFor || this.activeClient !== this.#draftClient) this.#switchDraft(id);
    this.#followNewChat();
  }

  /**
   * A new chat (`participants` with no conversation yet) is created by its first send: its
   * provisional id leaves the store, and the composer follows it to the real one (what is in the
   * field stays), so what needs an existing chat ("Send later") works in it from then on.
   */
  #followNewChat(): void {
    const provisional = this.participants ? this.resolvedId : null;
    if (!provisional || !isProvisionalId(provisional)) {
      this.#provisionalSeen = false;
      return;
    }
    if (this.#conversation.value) {
      this.#provisionalSeen = true;
      return;
    }
    if (!this.#provisionalSeen) return;
    this.#provisionalSeen = false;
    void this.#resolve(provisional);
  }

  /** Finds the conversation of `participants`; `following`: the provisional id it replaces. */
  async #resolve(following?: string): Promise<void> {
    const client = this.activeClient;
    const list = (this.participants ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!client || !list.length) {
      this.resolvedId = null;
      return;
    }
    try {
      const id = await client.resolveConversation(list, this.from || undefined);
      if (following !== undefined) {
        if (this.resolvedId !== following) return; // the participants changed meanwhile
        // The same chat under its real id: the text being written stays in the field.
        if (this.#draftFor === following) this.#draftFor = id;
      }
      this.resolvedId = id;
    } catch {
      if (following === undefined) this.resolvedId = null;
    }
  }

  /** Keeps the old conversation's draft and restores the new one's. */
  #switchDraft(id: string | null): void {
    const client = this.activeClient;
    const waiting = id ? client?.getState().drafts[id] : undefined;
    if (
      this.#draftFor === null &&
      id !== null &&
      client === this.#draftClient &&
      (this.text || this.chips.length) &&
      !waiting?.text &&
      !waiting?.attachments.length
    ) {
      // Typed while the chat of `participants` was being looked up: it is that chat's draft.
      this.#draftFor = id;
      this.#saveDraft();
      return;
    }
    this.#saveDraft();
    for (const chip of this.chips) {
      chip.controller?.abort();
      if (chip.preview?.startsWith('blob:')) URL.revokeObjectURL(chip.preview);
    }
    this.#draftFor = id;
    this.#draftClient = this.activeClient;
    const draft = id ? this.#draftClient?.getState().drafts[id] : undefined;
    this.text = draft?.text ?? '';
    this.chips = (draft?.attachments ?? []).map((attachment) => ({
      key: ++this.#keys,
      name: attachment.name,
      size: attachment.size,
      status: 'done' as const,
      loaded: attachment.size,
      attachment,
      ...(attachment.type.startsWith('image/') && (attachment.thumbnailUrl || attachment.url)
        ? { preview: attachment.thumbnailUrl || attachment.url }
        : {}),
    }));
    this.notices = [];
    this.warning = null;
  }

  #scheduleDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#saveDraft(), DRAFT_DELAY_MS);
  }

  #saveDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    const id = this.#draftFor;
    const client = this.activeClient;
    if (!id || !client || client !== this.#draftClient) return;
    const attachments = this.chips.flatMap((c) =>
      c.status === 'done' && c.attachment ? [c.attachment] : [],
    );
    const current = client.getState().drafts[id];
    if ((current?.text ?? '') === this.text && sameAttachments(current?.attachments ?? [], attachments))
      return;
    try {
      client.setDraft(id, { text: this.text, attachments });
    } catch {
      // A destroyed client keeps no drafts; the text stays in the field.
    }
  }

  /** The sending number: the conversation's, else `from`, else the account's first. */
  get #own(): OwnNumber | undefined {
    const account = this.#account.value;
    const number = this.#conversation.value?.ownNumber ?? this.from;
    return account?.numbers.find((n) => n.number === number) ?? account?.numbers[0];
  }

  get #policy(): ResolvedPolicy {
    return resolvePolicy(this.#own);
  }

  get #recipients(): readonly string[] {
    const conversation = this.#conversation.value;
    if (conversation) return conversation.participants;
    return (this.participants ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  get #optedOut(): readonly string[] {
    const conversation = this.#conversation.value;
    return conversation?.optedOut?.filter((n) => conversation.participants.includes(n)) ?? [];
  }

  /** Writes what is in the field to the conversation's draft now, not after the usual pause. */
  saveDraft(): void {
    this.#saveDraft();
  }

  /**
   * Shows the draft's text again after code changed it (`client.setDraft`) while this
   * conversation was on screen; the files being attached are left as they are.
   */
  reloadDraftText(): void {
    const id = this.#draftFor;
    const draft = id ? this.#draftClient?.getState().drafts[id] : undefined;
    if (draft && draft.text !== this.text) this.text = draft.text;
  }

  /** Adds files as if picked with the paperclip: checked, then uploaded. */
  async addFiles(files: Iterable<File>): Promise<void> {
    let list = [...files];
    if (!list.length) return;
    const policy = this.#policy;
    // A tiny file can claim gigapixels and freeze the tab when decoded: refuse it from its header.
    const bombs = new Set<File>();
    for (const file of list) {
      const info = readMediaInfo(new Uint8Array(await file.slice(0, 65_536).arrayBuffer()));
      if (isImageBomb(info)) {
        bombs.add(file);
        this.notices = [
          ...this.notices,
          {
            key: ++this.#keys,
            message: this.#locale.t('imageTooManyPixels', file.name, info.width!, info.height!),
          },
        ];
      }
    }
    list = list.filter((f) => !bombs.has(f));
    if (!list.length) return;
    const detected = await Promise.all(list.map((f) => detectFileType(f).catch(() => null)));
    const existing = this.chips.filter((c) => c.status !== 'failed' || c.file);
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
        if (this.autoDownscale) {
          void this.#resizeAndAdd(original, budget);
          continue;
        }
        notices.push({
          key: ++this.#keys,
          message: this.#explain(violation),
          resize: { file: original, budget },
        });
      } else {
        notices.push({ key: ++this.#keys, message: this.#explain(violation) });
      }
    }
    this.notices = [...this.notices, ...notices];
    for (const candidate of accepted) {
      const index = list.findIndex((f) => f.name === candidate.name && f.size === candidate.size);
      const file = list.splice(index, 1)[0]!;
      detected.splice(index, 1);
      this.#startUpload(file, candidate.detected);
    }
  }

  /** The byte budget a too-large image would have to fit in, or 0 when resizing can't help. */
  #budgetFor(violation: AttachmentViolation, policy: ResolvedPolicy): number {
    if (violation.code !== 'file-too-large' && violation.code !== 'message-too-large') return 0;
    const used = this.chips.filter((c) => c.status !== 'failed').reduce((sum, c) => sum + c.size, 0);
    const budget = Math.min(policy.maxFileBytes, policy.maxMessageBytes - used);
    return budget > 16 * 1024 ? budget : 0;
  }

  async #resizeAndAdd(file: File, budget: number): Promise<void> {
    const smaller = await downscaleImage(file, budget);
    if (!smaller) {
      this.notices = [
        ...this.notices,
        { key: ++this.#keys, message: this.#locale.t('resizeFailed', file.name) },
      ];
      return;
    }
    this.notices = [
      ...this.notices,
      { key: ++this.#keys, message: this.#locale.t('resized', file.name, this.#locale.bytes(smaller.size)) },
    ];
    await this.addFiles([smaller]);
  }

  #explain(violation: AttachmentViolation): string {
    if (violation.code === 'mms-not-allowed') return this.#locale.t('tollFreeNoAttachments');
    return violation.message;
  }

  #startUpload(file: File, detected: DetectedFileType | null, replacing?: Chip): void {
    const client = this.activeClient;
    const own = this.#own;
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
    this.chips = replacing ? this.chips.map((c) => (c === replacing ? chip : c)) : [...this.chips, chip];
    if (!client || !own) {
      this.#update(chip, { status: 'failed', error: this.#locale.t('uploadFailed') });
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
          this.#saveDraft();
        },
        (error: unknown) => {
          if (chip.controller?.signal.aborted) return; // cancelled: the chip is gone
          const reason =
            error instanceof Error && error.message ? error.message : this.#locale.t('uploadFailed');
          this.#update(chip, { status: 'failed', error: reason });
        },
      );
  }

  #update(chip: Chip, changes: Partial<Chip>): void {
    if (!this.chips.includes(chip)) return;
    Object.assign(chip, changes);
    this.chips = [...this.chips];
  }

  #remove(chip: Chip): void {
    chip.controller?.abort();
    if (chip.preview?.startsWith('blob:')) URL.revokeObjectURL(chip.preview);
    this.chips = this.chips.filter((c) => c !== chip);
    this.#saveDraft();
    this.field?.focus();
  }

  #retry(chip: Chip): void {
    if (chip.file) this.#startUpload(chip.file, chip.detected ?? null, chip);
  }

  /** Why sending is not possible now, if it is not. */
  get #blocked(): 'empty' | 'uploading' | 'limit' | 'locked' | 'resolving' | null {
    if (this.#optedOut.length) return 'locked';
    if (!this.#id && !this.#recipients.length) return 'locked';
    const screened = this.#screened;
    if (screened.emergency.length || screened.shortCodes.length) return 'locked';
    // The account and the chat of `participants` are still being read: a press now would do nothing.
    if (!this.#id || !this.#own) return 'resolving';
    if (this.chips.some((c) => c.status === 'uploading')) return 'uploading';
    if (this.chips.some((c) => c.status === 'failed')) return 'limit';
    if ([...this.text].length > SMS_MAX_CHARACTERS) return 'limit';
    if (checkRecipients(this.#recipients.length, this.#policy)) return 'limit';
    if (!this.#policy.attachmentsAllowed && this.chips.length) return 'limit';
    if (!this.text.trim() && !this.chips.length) return 'empty';
    return null;
  }

  get #screened() {
    return screenRecipients(this.#recipients, this.#account.value?.country ?? 'US');
  }

  #repliesHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const composer = this;
    return {
      addController: (c: Parameters<SmsComposer['addController']>[0]) => composer.addController(c),
      removeController: (c: Parameters<SmsComposer['removeController']>[0]) => composer.removeController(c),
      requestUpdate: () => composer.requestUpdate(),
      get updateComplete() {
        return composer.updateComplete;
      },
      get locale() {
        return composer.#locale;
      },
      get client() {
        return composer.activeClient;
      },
      get hostReplies() {
        return composer.savedReplies ?? [];
      },
      get draftText() {
        return composer.text;
      },
      insertReply: (reply: SavedReply, mode: PanelMode) => void composer.#insertReply(reply, mode),
      focusField: () => composer.field?.focus(),
    };
  }

  get #repliesAvailable(): boolean {
    return Boolean(this.savedReplies?.length || this.activeClient?.canListReplies);
  }

  #openReplies(): void {
    if (this.#replies.open && this.#replies.mode === 'button') {
      this.#replies.close(true);
      return;
    }
    const field = this.field;
    this.#insertAt = field ? [field.selectionStart, field.selectionEnd] : null;
    this.#replies.show('button');
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('.replies-search')?.focus(),
    );
  }

  /** Inserts a reply with its variables filled, selecting the first one left to fill. */
  async #insertReply(reply: SavedReply, mode: PanelMode): Promise<void> {
    const values = replyValues(this.#conversation.value, this.#account.value?.name, this.replyVariables);
    const filled = fillReply(reply.text, values);
    let before = '';
    let after = '';
    if (mode === 'button') {
      const [start, end] = this.#insertAt ?? [this.text.length, this.text.length];
      before = this.text.slice(0, start);
      after = this.text.slice(end);
    }
    this.text = before + filled.text + after;
    this.#saveDraft();
    await this.updateComplete;
    const field = this.field;
    if (!field) return;
    field.focus();
    const first = filled.unresolved[0];
    if (first) field.setSelectionRange(before.length + first.start, before.length + first.end);
    else field.setSelectionRange(before.length + filled.text.length, before.length + filled.text.length);
  }

  /** Selects the next `{variable}` after the selection; false when there is none. */
  #selectNextVariable(from: number): boolean {
    const field = this.field;
    const next = field ? nextVariable(this.text, from) : null;
    if (!field || !next) return false;
    field.setSelectionRange(next.start, next.end);
    return true;
  }

  async #send(accepted: readonly string[] = []): Promise<void> {
    if (this.#blocked || this.busy) return;
    const client = this.activeClient;
    const id = this.#id;
    const own = this.#own;
    if (!client || !own || !id) return;
    const detail: SendDetail = {
      conversationId: id,
      from: own.number,
      to: [...this.#recipients],
      text: this.text,
      attachments: this.chips.flatMap((c) => (c.attachment ? [c.attachment] : [])),
    };
    // Busy (Send disabled) only while the host's check runs: the built-in checks answer at once.
    const waits = Boolean(this.preSendCheck);
    if (waits) this.busy = true;
    let stop: SendStop | null;
    try {
      stop = await this.#checkDraft(detail, accepted);
    } finally {
      if (waits) this.busy = false;
    }
    if (stop?.block) {
      this.notices = [...this.notices, { key: ++this.#keys, message: stop.message }];
      return;
    }
    if (stop) {
      this.warning = { message: stop.message, detail, key: stop.key, accepted };
      return;
    }
    await this.#deliver(detail);
  }

  /**
   * The checks a message goes through before it goes out, now or (with `sendAt`) when scheduled:
   * `{variables}` left, quiet hours where they are at that time, then the host's `preSendCheck`.
   * The first that stops it, or `null`.
   */
  async #checkDraft(draft: PreSendDraft, accepted: readonly string[]): Promise<SendStop | null> {
    const stop = checkBeforeSend({
      text: draft.text,
      recipients: draft.to,
      conversation: this.#conversation.value,
      country: this.#account.value?.country,
      quietHours: this.quietHours,
      now: draft.sendAt ?? Date.now(),
      scheduled: draft.sendAt !== undefined,
      locale: this.#locale,
      accepted,
    });
    if (stop || !this.preSendCheck || accepted.includes('host')) return stop;
    let verdict: PreSendResult | void;
    try {
      verdict = await this.preSendCheck(draft);
    } catch (error) {
      verdict = { action: 'block', message: error instanceof Error ? error.message : String(error) };
    }
    if (verdict?.action === 'block') return { key: 'host', message: verdict.message, block: true };
    if (verdict?.action === 'warn') return { key: 'host', message: verdict.message, block: false };
    return null;
  }

  /** "Send later" runs the checks of a send, at the time chosen. */
  readonly #checkSchedule: ScheduleCheck = ({ text, sendAt, accepted }) => {
    const own = this.#own;
    const id = this.#id;
    if (!own || !id) return null;
    return this.#checkDraft(
      {
        conversationId: id,
        from: own.number,
        to: [...this.#recipients],
        text,
        attachments: this.chips.flatMap((c) => (c.attachment ? [c.attachment] : [])),
        sendAt,
      },
      accepted,
    );
  };

  async #deliver(detail: SendDetail): Promise<void> {
    this.warning = null;
    const client = this.activeClient;
    if (!client) return;
    if (!this.dispatchEvent(new SmsSendEvent(detail))) return;
    this.busy = true;
    try {
      await client.send({
        conversationId: detail.conversationId,
        text: detail.text,
        attachments: detail.attachments,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.notices = [...this.notices, { key: ++this.#keys, message: this.#locale.t('sendFailed', reason) }];
      return;
    } finally {
      this.busy = false;
    }
    // Sent (or waiting in the outbox): start afresh, keeping the focus in the field.
    for (const chip of this.chips) if (chip.preview?.startsWith('blob:')) URL.revokeObjectURL(chip.preview);
    this.text = '';
    this.chips = [];
    this.notices = [];
    this.#saveDraft();
    await this.updateComplete;
    this.field?.focus();
  }

  #handleKeydown(event: KeyboardEvent): void {
    if (this.#replies.open && this.#replies.mode === 'slash' && this.#replies.handleKey(event)) return;
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      // Tab goes from one {variable} left to fill to the next; without any, it moves the focus.
      const field = this.field;
      if (field && this.#selectNextVariable(field.selectionEnd)) event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    // An input method (Japanese, Chinese…) uses Enter to commit its text: never send then.
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.#send();
  }

  /** Scheduled ("Send later"): the text is with the backend now, so the field starts afresh. */
  #handleScheduled(): void {
    this.text = '';
    this.#saveDraft();
    this.field?.focus();
  }

  #handleInput(event: Event): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.#scheduleDraft();
    // "/" at the start of the field opens the saved replies, filtered by what follows it.
    const slash = /^\/([^\n]{0,40})$/.exec(this.text);
    if (slash && this.#repliesAvailable) {
      if (this.#replies.open && this.#replies.mode === 'slash') this.#replies.filter(slash[1]!);
      else this.#replies.show('slash', slash[1]!);
    } else if (this.#replies.open && this.#replies.mode === 'slash') {
      this.#replies.close();
    }
  }

  #handlePaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    void this.addFiles(files);
  }

  #handleDragEnter(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.#dragDepth++;
    this.dragging = true;
  }

  #handleDragOver(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  #handleDragLeave(): void {
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (!this.#dragDepth) this.dragging = false;
  }

  #handleDrop(event: DragEvent): void {
    this.#dragDepth = 0;
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    void this.addFiles(files);
  }

  #handlePicked(): void {
    const input = this.picker;
    if (!input?.files) return;
    const files = [...input.files];
    input.value = '';
    void this.addFiles(files);
  }

  #replacePlain(): void {
    this.text = toGsmFriendly(this.text).text;
    this.#saveDraft();
    this.field?.focus();
  }

  #dismiss(notice: Notice): void {
    this.notices = this.notices.filter((n) => n !== notice);
    this.field?.focus();
  }

  #accept(policy: ResolvedPolicy): string {
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

  override render() {
    const client = this.activeClient;
    const policy = this.#policy;
    const optedOut = this.#optedOut;
    const locked = optedOut.length > 0;
    const blocked = this.#blocked;
    const recipients = this.#recipients;
    const groupRefused = checkRecipients(recipients.length, policy);
    const attachDisabled = !policy.attachmentsAllowed || locked || !client;
    return html`<div
      class=${classMap({ composer: true, dragging: this.dragging })}
      @dragenter=${this.#handleDragEnter}
      @dragover=${this.#handleDragOver}
      @dragleave=${this.#handleDragLeave}
      @drop=${this.#handleDrop}
    >
      ${locked ? this.#renderOptOut(optedOut) : nothing}
      ${groupRefused && !locked ? html`<p class="banner" role="status">${this.#locale.t('noGroupFromNumber')}</p>` : nothing}
      ${this.#renderScreening()} ${this.#renderNotices()} ${this.#renderWarning()} ${this.#renderChips()}
      ${this.#replies.render()}
      <div class="row">
        <button
          class="icon attach"
          part="attach-button"
          type="button"
          aria-label=${this.#locale.t('attachFile')}
          title=${policy.attachmentsAllowed ? this.#locale.t('attachFile') : this.#locale.t('tollFreeNoAttachments')}
          aria-describedby=${policy.attachmentsAllowed ? nothing : 'sms-only'}
          ?disabled=${attachDisabled}
          @click=${() => this.picker?.click()}
        >
          ${ICON_CLIP}
        </button>
        <input
          type="file"
          multiple
          hidden
          tabindex="-1"
          aria-hidden="true"
          accept=${this.#accept(policy)}
          @change=${this.#handlePicked}
        />
        ${
          this.#repliesAvailable
            ? html`<button
                class="icon replies-button"
                part="replies-button"
                type="button"
                aria-label=${this.#locale.t('savedReplies')}
                title=${this.#locale.t('savedReplies')}
                aria-haspopup="dialog"
                aria-expanded=${this.#replies.open && this.#replies.mode === 'button' ? 'true' : 'false'}
                ?disabled=${locked || !client}
                @click=${this.#openReplies}
              >
                ${ICON_REPLIES}
              </button>`
            : nothing
        }
        <textarea
          part="field"
          rows="1"
          aria-label=${this.#locale.t('typeMessage')}
          placeholder=${this.#locale.t('typeMessage')}
          aria-describedby="counter fill-hint"
          aria-autocomplete=${ifDefined(this.#repliesAvailable ? 'list' : undefined)}
          aria-controls=${this.#replies.open && this.#replies.mode === 'slash' ? 'saved-replies-list' : nothing}
          aria-activedescendant=${this.#replies.mode === 'slash' ? (this.#replies.activeId ?? nothing) : nothing}
          .value=${live(this.text)}
          ?disabled=${locked || !client}
          @input=${this.#handleInput}
          @keydown=${this.#handleKeydown}
          @paste=${this.#handlePaste}
          @blur=${() => this.#saveDraft()}
        ></textarea>
        <button
          class="icon send"
          part="send-button"
          type="button"
          aria-label=${this.#locale.t('sendMessage')}
          title=${this.#locale.t('sendMessage')}
          ?disabled=${blocked !== null || this.busy}
          @click=${() => void this.#send()}
        >
          ${ICON_SEND}
        </button>
        ${this.#renderSendLater(locked || !client || blocked === 'locked')}
      </div>
      ${this.#renderFillHint()} ${this.#renderCounter(recipients.length)}
      ${policy.attachmentsAllowed ? nothing : html`<p id="sms-only" class="hint">${this.#locale.t('tollFreeNoAttachments')}</p>`}
      <div class="drop" aria-hidden="true">${this.#locale.t('dropFiles')}</div>
    </div>`;
  }

  /** "Send later" (its own element; hidden unless the transport can schedule). */
  #renderSendLater(locked: boolean): TemplateResult {
    return html`<sms-send-later
      .conversationId=${this.#id ?? undefined}
      .client=${this.client}
      .text=${this.text}
      .attachments=${this.chips.length}
      .check=${this.#checkSchedule}
      .labels=${this.labels}
      ?disabled=${locked || this.busy}
      @sms-scheduled=${this.#handleScheduled}
    ></sms-send-later>`;
  }

  #renderOptOut(optedOut: readonly string[]): TemplateResult {
    const conversation = this.#conversation.value!;
    const country = this.#account.value?.country;
    const names = optedOut
      .slice(0, OPT_OUT_CHARS_SHOWN)
      .map((n) => participantName(conversation, n, (x) => this.#locale.phone(x, country)));
    const list = new Intl.ListFormat(this.#locale.lang, { type: 'conjunction' }).format(names);
    return html`<p class="banner locked" part="notice" role="status">
      ${
        conversation.participants.length > 1
          ? this.#locale.t('optedOutGroup', list)
          : this.#locale.t('optedOutOne', list)
      }
    </p>`;
  }

  #renderScreening(): TemplateResult | typeof nothing {
    const { emergency, shortCodes } = this.#screened;
    if (emergency.length)
      return html`<p class="banner locked" part="notice" role="alert">
        ${this.#locale.t('emergencyNumber', emergency[0]!)}
      </p>`;
    if (shortCodes.length)
      return html`<p class="banner locked" part="notice" role="alert">
        ${this.#locale.t('shortCode', shortCodes[0]!)}
      </p>`;
    return nothing;
  }

  /** The `{variables}` still to fill, each a button that selects it. */
  #renderFillHint(): TemplateResult {
    const left = findVariables(this.text);
    if (!left.length) return html`<p id="fill-hint" class="fill-hint" hidden></p>`;
    return html`<p id="fill-hint" class="fill-hint" part="fill-hint">
      <span>${this.#locale.t('fillIn')}</span>
      ${left.map(
        (v) =>
          html`<button
            class="variable"
            type="button"
            @click=${() => {
              this.field?.focus();
              this.field?.setSelectionRange(v.start, v.end);
            }}
          >
            {${v.name}}
          </button>`,
      )}
      <span>${this.#locale.t('nextVariableHint')}</span>
    </p>`;
  }

  #renderNotices(): TemplateResult | typeof nothing {
    if (!this.notices.length) return nothing;
    return html`<div role="alert">
      <ul class="notices">
        ${this.notices.map(
          (notice) =>
            html`<li class="notice" part="notice">
              <span>${notice.message}</span>
              ${
                notice.resize
                  ? html`<button
                      class="small"
                      type="button"
                      @click=${() => {
                        this.notices = this.notices.filter((n) => n !== notice);
                        void this.#resizeAndAdd(notice.resize!.file, notice.resize!.budget);
                      }}
                    >
                      ${this.#locale.t('resizeImage')}
                    </button>`
                  : nothing
              }
              <button
                class="icon tiny"
                type="button"
                aria-label=${this.#locale.t('dismiss')}
                @click=${() => this.#dismiss(notice)}
              >
                ${ICON_X}
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #renderWarning(): TemplateResult | typeof nothing {
    const warning = this.warning;
    if (!warning) return nothing;
    return html`<div class="notice warning" part="notice" role="alertdialog" aria-label=${warning.message}>
      <span>${warning.message}</span>
      <button
        class="small"
        type="button"
        @click=${() =>
          warning.key
            ? void this.#send([...(warning.accepted ?? []), warning.key])
            : void this.#deliver(warning.detail)}
      >
        ${this.#locale.t('sendAnyway')}
      </button>
      <button
        class="small"
        type="button"
        @click=${() => {
          this.warning = null;
          this.field?.focus();
          if (warning.key === 'variables') this.#selectNextVariable(0);
        }}
      >
        ${this.#locale.t('cancel')}
      </button>
    </div>`;
  }

  #renderChips(): TemplateResult | typeof nothing {
    if (!this.chips.length) return nothing;
    return html`<ul class="chips" aria-label=${this.#locale.t('attachedFiles')}>
      ${this.chips.map((chip) => {
        const percent = chip.size ? Math.round((chip.loaded / chip.size) * 100) : 100;
        return html`<li class=${classMap({ chip: true, [chip.status]: true })} part="chip">
          ${chip.preview ? html`<img class="thumb" src=${chip.preview} alt="" />` : html`<span class="thumb">${ICON_FILE}</span>`}
          <span class="meta">
            <bdi class="name" title=${chip.name}>${chip.name}</bdi>
            <span class="size">
              ${chip.status === 'failed' ? (chip.error ?? this.#locale.t('uploadFailed')) : this.#locale.bytes(chip.size)}
            </span>
            ${
              chip.status === 'uploading'
                ? html`<progress
                    max="100"
                    .value=${percent}
                    aria-label=${this.#locale.t('uploading', chip.name)}
                  ></progress>`
                : nothing
            }
          </span>
          ${
            chip.status === 'failed' && chip.file
              ? html`<button
                  class="small"
                  type="button"
                  aria-label=${this.#locale.t('retryUpload', chip.name)}
                  @click=${() => this.#retry(chip)}
                >
                  ${this.#locale.t('retry')}
                </button>`
              : nothing
          }
          <button
            class="icon tiny"
            type="button"
            aria-label=${
              chip.status === 'uploading'
                ? this.#locale.t('cancelUpload', chip.name)
                : this.#locale.t('removeFile', chip.name)
            }
            @click=${() => this.#remove(chip)}
          >
            ${ICON_X}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #renderCounter(recipients: number): TemplateResult {
    const text = this.text;
    const characters = [...text].length;
    if (!text) return html`<div id="counter" class="counter" part="counter"></div>`;
    if (characters > SMS_MAX_CHARACTERS) {
      return html`<div id="counter" class="counter over" part="counter" role="alert">
        ${this.#locale.t('tooLong', SMS_MAX_CHARACTERS)}
      </div>`;
    }
    const sms = analyzeSms(text);
    const encoding = sms.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode';
    const plain = sms.encoding === 'UCS-2' ? toGsmFriendly(text) : null;
    const shown = sms.unicodeCharacters.slice(0, OPT_OUT_CHARS_SHOWN).map((c) => `“${c}”`);
    return html`<div id="counter" class="counter" part="counter">
      <span>${this.#locale.t('counter', sms.characters, encoding, sms.segments)}</span>
      ${
        recipients > 1
          ? html`<span
              >${this.#locale.t('counterGroup', sms.segments, recipients, sms.segments * recipients)}</span
            >`
          : nothing
      }
      ${
        sms.encoding === 'UCS-2'
          ? html`<span class="unicode">
              ${this.#locale.t('unicodeBecause', new Intl.ListFormat(this.#locale.lang).format(shown))}
              ${
                plain && plain.replaced > 0
                  ? html`<button class="link" type="button" @click=${this.#replacePlain}>
                      ${this.#locale.t('replacePlain')}
                    </button>`
                  : nothing
              }
            </span>`
          : nothing
      }
    </div>`;
  }
}

function hasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

function sameAttachments(a: readonly Attachment[], b: readonly Attachment[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
}
