import type { ReactiveControllerHost } from 'lit';
import type { SavedReply } from '../../model/saved-reply.js';
import type { ReplyValues } from '../../rules/reply-variables.js';
import { fillReply, nextVariable } from '../../rules/reply-variables.js';
import type { PanelMode, SavedRepliesPanel } from './saved-replies-panel.js';

/** What {@link ReplyInsertion} reads from the composer. */
export interface ReplyInsertionOptions {
  /** The saved replies panel it opens and follows. */
  readonly panel: () => SavedRepliesPanel;
  /** The "Type your message" field, once rendered. */
  readonly field: () => HTMLTextAreaElement | undefined;
  readonly text: () => string;
  readonly setText: (text: string) => void;
  /** The values of `{variables}` in this chat (the built-in ones and the host's). */
  readonly values: () => ReplyValues;
  /** Whether any saved reply can be offered (the host's or the transport's). */
  readonly available: () => boolean;
  /** The text changed: the draft is kept now. */
  readonly changed: () => void;
}

/**
 * Saved replies in the field: the replies button opens the panel and remembers where the caret
 * was, "/" at the start of the field opens it filtered by what follows, a chosen reply goes in
 * with its `{variables}` filled, and Tab selects the next one left to fill.
 */
export class ReplyInsertion {
  readonly #host: ReactiveControllerHost;
  readonly #options: ReplyInsertionOptions;
  /** Where the replies button inserts: the field's selection when it was opened. */
  #insertAt: [number, number] | null = null;

  constructor(host: ReactiveControllerHost, options: ReplyInsertionOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The replies button: opens the panel on its search field, or closes it. */
  toggle(searchField: () => HTMLInputElement | null): void {
    const panel = this.#options.panel();
    if (panel.open && panel.mode === 'button') {
      panel.close(true);
      return;
    }
    const field = this.#options.field();
    this.#insertAt = field ? [field.selectionStart, field.selectionEnd] : null;
    panel.show('button');
    void this.#host.updateComplete.then(() => searchField()?.focus());
  }

  /** The field's text changed: "/" at its start opens the saved replies, filtered by what follows it. */
  typed(text: string): void {
    const panel = this.#options.panel();
    const slash = /^\/([^\n]{0,40})$/.exec(text);
    if (slash && this.#options.available()) {
      if (panel.open && panel.mode === 'slash') panel.filter(slash[1]!);
      else panel.show('slash', slash[1]!);
    } else if (panel.open && panel.mode === 'slash') {
      panel.close();
    }
  }

  /** Inserts a reply with its variables filled, selecting the first one left to fill. */
  async insert(reply: SavedReply, mode: PanelMode): Promise<void> {
    const options = this.#options;
    const text = options.text();
    const filled = fillReply(reply.text, options.values());
    let before = '';
    let after = '';
    if (mode === 'button') {
      const [start, end] = this.#insertAt ?? [text.length, text.length];
      before = text.slice(0, start);
      after = text.slice(end);
    }
    options.setText(before + filled.text + after);
    options.changed();
    await this.#host.updateComplete;
    const field = options.field();
    if (!field) return;
    field.focus();
    const first = filled.unresolved[0];
    if (first) field.setSelectionRange(before.length + first.start, before.length + first.end);
    else field.setSelectionRange(before.length + filled.text.length, before.length + filled.text.length);
  }

  /** Selects the next `{variable}` after `from`; false when there is none. */
  selectNextVariable(from: number): boolean {
    const field = this.#options.field();
    const next = field ? nextVariable(this.#options.text(), from) : null;
    if (!field || !next) return false;
    field.setSelectionRange(next.start, next.end);
    return true;
  }
}
