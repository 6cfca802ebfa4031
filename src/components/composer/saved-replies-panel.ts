import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { filterReplies } from '../../rules/reply-variables.js';
import type { MessagesClient } from '../../store/client.js';
import { asError, dispatchFailure } from '../../internal/failure.js';

/** A saved reply a host gives the composer (`savedReplies`): an id is optional. */
export interface HostSavedReply {
  readonly id?: string;
  readonly title: string;
  readonly text: string;
}

/** What the panel reads from the composer that owns it (the host itself is the element). */
export interface SavedRepliesOptions {
  readonly locale: LocaleController;
  readonly client: () => MessagesClient | undefined;
  readonly hostReplies: () => readonly HostSavedReply[];
  /** Inserts the chosen reply (the composer fills its variables). */
  readonly insertReply: (reply: SavedReply, mode: PanelMode) => void;
  /** Gives the focus back to the message field. */
  readonly focusField: () => void;
  /** The text in the field, offered as the text of a new reply. */
  readonly draftText: () => string;
}

/** `slash`: typed "/" at the start of the field, which filters; `button`: the replies button. */
export type PanelMode = 'slash' | 'button';

interface Form {
  readonly id?: string;
  title: string;
  text: string;
  error: string;
  busy: boolean;
}

const LIST_ID = 'saved-replies-list';

/**
 * The saved-replies list of the composer: a listbox filtered by what follows "/" in the field (the
 * field is then its combobox) or by its own search field (opened with the replies button), moved
 * through with the arrows, chosen with Enter or the pointer, closed with Escape; with a form to
 * create, edit and delete personal replies when the transport saves them.
 */
export class SavedRepliesPanel implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: SavedRepliesOptions;
  open = false;
  mode: PanelMode = 'button';
  query = '';
  active = 0;
  #loaded: readonly SavedReply[] = [];
  #status: 'idle' | 'loading' | 'failed' = 'idle';
  #form: Form | null = null;
  #load: AbortController | undefined;

  constructor(host: ReactiveControllerHost & EventTarget, options: SavedRepliesOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#load?.abort();
  }

  /** Every reply: the host's first (read-only), then the transport's, by title. */
  get replies(): SavedReply[] {
    const fromHost = this.#options.hostReplies().map((r, i): SavedReply => ({
      id: r.id ?? `host-${i}`,
      title: r.title,
      text: r.text,
      personal: false,
      updatedAt: 0,
    }));
    return [...fromHost, ...this.#loaded];
  }

  get matches(): SavedReply[] {
    return filterReplies(this.replies, this.query);
  }

  /** The id of the active option, for `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.open && !this.#form && this.matches.length ? `reply-${this.active}` : undefined;
  }

  show(mode: PanelMode, query = ''): void {
    const wasOpen = this.open;
    this.open = true;
    this.mode = mode;
    this.query = query;
    this.active = 0;
    this.#form = null;
    if (!wasOpen) void this.#refresh();
    this.#host.requestUpdate();
  }

  /** The slash query changed (the field's text after "/"). */
  filter(query: string): void {
    if (query !== this.query) this.active = 0;
    this.query = query;
    this.#host.requestUpdate();
  }

  close(focusField = false): void {
    if (!this.open) return;
    this.open = false;
    this.#form = null;
    this.#host.requestUpdate();
    if (focusField) this.#options.focusField();
  }

  async #refresh(): Promise<void> {
    const client = this.#options.client();
    if (!client) return;
    this.#load?.abort();
    const load = (this.#load = new AbortController());
    this.#status = 'loading';
    this.#host.requestUpdate();
    try {
      const replies = await client.listSavedReplies(load.signal);
      if (load.signal.aborted) return;
      this.#loaded = replies;
      this.#status = 'idle';
    } catch (error) {
      if (load.signal.aborted) return;
      this.#status = 'failed';
      dispatchFailure(this.#host, 'listSavedReplies', error);
    }
    this.#host.requestUpdate();
  }

  /**
   * Keys while the list is open (from the field in slash mode, or the search field); true when the
   * key was used.
   */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.open || this.#form) return false;
    const count = this.matches.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count) this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        break;
      case 'Home':
      case 'End':
        if (this.mode === 'slash') return false; // the caret keys of the field
        this.active = event.key === 'Home' ? 0 : Math.max(0, count - 1);
        break;
      case 'Enter':
        if (event.isComposing || event.shiftKey) return false;
        if (count) this.#choose(this.matches[Math.min(this.active, count - 1)]!);
        else this.close(this.mode === 'button');
        break;
      case 'Escape':
        this.close(true);
        break;
      default:
        return false;
    }
    event.preventDefault();
    this.#host.requestUpdate();
    return true;
  }

  #choose(reply: SavedReply): void {
    const mode = this.mode;
    this.close();
    this.#options.insertReply(reply, mode);
  }

  #edit(reply?: SavedReply): void {
    this.#form = reply
      ? { id: reply.id, title: reply.title, text: reply.text, error: '', busy: false }
      : { title: '', text: this.#options.draftText().trim(), error: '', busy: false };
    this.#host.requestUpdate();
  }

  async #save(form: Form): Promise<void> {
    const client = this.#options.client();
    if (!client || form.busy) return;
    form.busy = true;
    form.error = '';
    this.#host.requestUpdate();
    try {
      await client.saveSavedReply({
        ...(form.id !== undefined ? { id: form.id } : {}),
        title: form.title,
        text: form.text,
      });
      this.#form = null;
      await this.#refresh();
    } catch (error) {
      form.error = this.#options.locale.t('replySaveFailed', asError(error).message);
      dispatchFailure(this.#host, 'saveSavedReply', error);
    } finally {
      form.busy = false;
      this.#host.requestUpdate();
    }
  }

  async #delete(reply: SavedReply): Promise<void> {
    const client = this.#options.client();
    if (!client) return;
    try {
      await client.deleteSavedReply(reply.id);
      this.active = 0;
      await this.#refresh();
    } catch (error) {
      this.#status = 'failed';
      this.#host.requestUpdate();
      dispatchFailure(this.#host, 'deleteSavedReply', error);
    }
  }

  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const t = this.#options.locale;
    return html`<div
      class="replies-panel"
      part="replies-panel"
      role="dialog"
      aria-label=${t.t('savedReplies')}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          this.close(true);
        }
      }}
    >
      ${this.#form ? this.#renderForm(this.#form) : this.#renderList()}
    </div>`;
  }

  #renderList(): TemplateResult {
    const t = this.#options.locale;
    const matches = this.matches;
    const canSave = this.#options.client()?.canSaveReplies ?? false;
    const active = matches[Math.min(this.active, matches.length - 1)];
    const empty =
      this.#status === 'loading' && !this.replies.length
        ? t.t('loadingReplies')
        : this.#status === 'failed'
          ? t.t('repliesFailed')
          : !this.replies.length
            ? t.t('noReplies')
            : !matches.length
              ? t.t('noMatchingReplies')
              : '';
    return html`${
        this.mode === 'button'
          ? html`<input
              class="replies-search"
              type="search"
              role="combobox"
              aria-expanded="true"
              aria-autocomplete="list"
              aria-controls=${LIST_ID}
              aria-activedescendant=${this.activeId ?? nothing}
              aria-label=${t.t('searchReplies')}
              placeholder=${t.t('searchReplies')}
              autocomplete="off"
              .value=${this.query}
              @input=${(e: Event) => this.filter((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => this.handleKey(e)}
            />`
          : nothing
      }
      <ul id=${LIST_ID} class="replies" role="listbox" aria-label=${t.t('savedReplies')}>
        ${matches.map(
          (reply, i) =>
            // The options are chosen with the keys of the combobox that owns them (active descendant).
            // eslint-disable-next-line lit-a11y/click-events-have-key-events
            html`<li
              id=${`reply-${i}`}
              class="reply"
              role="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @mousemove=${() => {
                if (this.active !== i) {
                  this.active = i;
                  this.#host.requestUpdate();
                }
              }}
              @click=${() => this.#choose(reply)}
            >
              <span class="reply-title"
                >${reply.title}${
                  reply.personal ? html` <span class="tag">${t.t('personalReply')}</span>` : nothing
                }</span
              >
              <span class="reply-text">${reply.text}</span>
            </li>`,
        )}
      </ul>
      ${empty ? html`<p class="replies-empty" role="status">${empty}</p>` : nothing}
      ${
        canSave
          ? html`<div class="replies-actions">
              <button class="small" type="button" @click=${() => this.#edit()}>${t.t('newReply')}</button>
              ${
                active?.personal
                  ? html`<button class="small" type="button" @click=${() => this.#edit(active)}>
                        ${t.t('editReply', active.title)}
                      </button>
                      <button class="small" type="button" @click=${() => void this.#delete(active)}>
                        ${t.t('deleteReply', active.title)}
                      </button>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  #renderForm(form: Form): TemplateResult {
    const t = this.#options.locale;
    return html`<form
      class="reply-form"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.#save(form);
      }}
    >
      <label>
        <span>${t.t('replyTitle')}</span>
        <input name="title" required maxlength="80" .value=${form.title} @input=${typed(form, 'title')} />
      </label>
      <label>
        <span>${t.t('replyText')}</span>
        <textarea
          name="text"
          required
          rows="3"
          maxlength="1600"
          aria-describedby="reply-hint"
          .value=${form.text}
          @input=${typed(form, 'text')}
        ></textarea>
      </label>
      <p id="reply-hint" class="hint">${t.t('replyVariablesHint')}</p>
      ${form.error ? html`<p class="form-error" role="alert">${form.error}</p>` : nothing}
      <div class="replies-actions">
        <button class="small primary" type="submit" ?disabled=${form.busy}>${t.t('saveReply')}</button>
        <button
          class="small"
          type="button"
          @click=${() => {
            this.#form = null;
            this.#host.requestUpdate();
          }}
        >
          ${t.t('cancel')}
        </button>
      </div>
    </form>`;
  }
}

/** An input handler that keeps what is typed in the form's `key`. */
function typed(form: Form, key: 'title' | 'text'): (event: Event) => void {
  return (event) => (form[key] = (event.target as HTMLInputElement | HTMLTextAreaElement).value);
}
