import type { JumpTarget, ThreadView } from '../../store/thread-window.js';

/** How long the message jumped to stays highlighted (the CSS animation lasts as long). */
export const HIGHLIGHT_MS = 2400;

/**
 * Targets some thread already brought into view: a thread element opened later (the chat
 * reopened an hour after a jump) does not jump again, while one asked for before any thread
 * showed the chat is brought into view by the first that does.
 */
export const handledTargets = new WeakSet<JumpTarget>();

/** Names the window a thread shows: the newest, or the one read around a message. */
export function windowKey(view: ThreadView, jumpedTo: string | undefined): string {
  return view.jumped ? `jump:${view.around ?? jumpedTo ?? ''}` : 'present';
}
