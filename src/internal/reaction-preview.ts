import { parseReaction } from '../rules/reactions.js';

/** Formats the terms a reaction preview needs; a locale controller fits. */
export interface PreviewTerms {
  t(key: 'reactedTo' | 'removedReaction', emoji: string, target: string): string;
  t(key: 'reactionMedia', media: 'image' | 'video' | 'audio' | 'file'): string;
}

/**
 * How the list's preview reads a reaction text in the reader's language ("Reacted 👍 to
 * “See you at 9”"), or `null` when the text is not a reaction.
 */
export function reactionPreview(text: string, terms: PreviewTerms): string | null {
  const reaction = parseReaction(text);
  if (!reaction) return null;
  const target =
    reaction.target.kind === 'text'
      ? `“${reaction.target.quoted.replace(/\s+/gu, ' ').trim()}”`
      : terms.t('reactionMedia', reaction.target.media);
  return terms.t(reaction.removed ? 'removedReaction' : 'reactedTo', reaction.emoji, target);
}
