import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Message } from '../../model/message.js';
import { attachReactions } from '../../rules/reactions.js';
import type { AttachedReaction, ReactionIndex } from '../../rules/reactions.js';

/** Formats terms; the thread's locale controller fits. */
interface Terms {
  t(key: 'reactions'): string;
  t(key: 'reactionBy', name: string, original: string): string;
}

const indexes = new WeakMap<readonly Message[], ReactionIndex<Message>>();

/**
 * The reactions of a loaded thread (see `attachReactions`), computed once per messages array:
 * which messages carry reactions, and which reaction texts are drawn there instead of a bubble.
 */
export function threadReactions(messages: readonly Message[]): ReactionIndex<Message> {
  let index = indexes.get(messages);
  if (!index) {
    index = attachReactions(messages);
    indexes.set(messages, index);
  }
  return index;
}

/**
 * The small reactions under a message: one chip per emoji (with a count when several people
 * chose it). Each person's original text stays readable: in the tooltip, to screen readers and
 * in a copied selection.
 */
export function renderReactions(
  reactions: readonly AttachedReaction<Message>[],
  terms: Terms,
  name: (number: string, message: Message) => string,
): TemplateResult {
  const byEmoji = new Map<string, AttachedReaction<Message>[]>();
  for (const r of reactions) {
    const list = byEmoji.get(r.reaction.emoji);
    if (list) list.push(r);
    else byEmoji.set(r.reaction.emoji, [r]);
  }
  return html`<div class="reactions" part="reactions" role="group" aria-label=${terms.t('reactions')}>
    ${[...byEmoji].map(([emoji, list]) => {
      const said = list.map((r) =>
        terms.t('reactionBy', name(r.message.from, r.message), r.message.text.trim()),
      );
      return html`<span class="reaction" part="reaction" title=${said.join('\n')}
        ><span class="reaction-emoji" aria-hidden="true">${emoji}</span>${
          list.length > 1 ? html`<span class="reaction-count" aria-hidden="true">${list.length}</span>` : ''
        }<span class="visually-hidden">${said.join('; ')}</span></span
      >`;
    })}
  </div>`;
}

/** Styles of the reaction chips (added to the thread's). */
export const reactionStyles = css`
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-xs);
    margin-block-start: calc(-1 * var(--_sms-space-xs));
    margin-inline: var(--_sms-space-s);
    position: relative;
  }
  .row.own .reactions {
    justify-content: flex-end;
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    min-block-size: 22px;
    padding-inline: 6px;
    border: 1px solid var(--_sms-border);
    border-radius: 999px;
    background: var(--_sms-surface-raised);
    color: var(--_sms-text);
    font-size: var(--_sms-font-size-s);
    line-height: 1;
    cursor: default;
  }
  .reaction-count {
    font-size: 0.75rem;
    color: var(--_sms-text-muted);
  }
  @media (forced-colors: active) {
    .reaction {
      border-color: CanvasText;
    }
  }
`;
