import type { ReactionMedia } from '../../rules/reactions.js';

/** Terms of reactions sent as texts (tapbacks), in the thread and the list preview. */
export interface ReactionTerms {
  /** Accessible name of the reactions under a message. */
  readonly reactions: string;
  /** One reaction, read out and shown as a tooltip: the person and the text they sent. */
  readonly reactionBy: (name: string, original: string) => string;
  /** The list preview of a reaction: "Reacted 👍 to “See you at 9”". */
  readonly reactedTo: (emoji: string, target: string) => string;
  /** The list preview of a removed reaction: "Removed 👍 from “See you at 9”". */
  readonly removedReaction: (emoji: string, target: string) => string;
  /** The file a reaction names: "a photo". */
  readonly reactionMedia: (media: ReactionMedia) => string;
}

export const reactionsEn: ReactionTerms = {
  reactions: 'Reactions',
  reactionBy: (name, original) => `${name}: ${original}`,
  reactedTo: (emoji, target) => `Reacted ${emoji} to ${target}`,
  removedReaction: (emoji, target) => `Removed ${emoji} from ${target}`,
  reactionMedia: (media) =>
    ({ image: 'a photo', video: 'a video', audio: 'an audio message', file: 'a file' })[media],
};

export const reactionsEs: ReactionTerms = {
  reactions: 'Reacciones',
  reactionBy: (name, original) => `${name}: ${original}`,
  reactedTo: (emoji, target) => `Reaccionó ${emoji} a ${target}`,
  removedReaction: (emoji, target) => `Quitó ${emoji} de ${target}`,
  reactionMedia: (media) =>
    ({ image: 'una foto', video: 'un video', audio: 'un mensaje de audio', file: 'un archivo' })[media],
};
