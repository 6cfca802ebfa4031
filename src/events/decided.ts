/** What listeners asked to do once the element that fired an event goes ahead with it. */
const followers = new WeakMap<Event, (() => void)[]>();

/**
 * For a listener inside an element's shadow root, which hears a cancelable event before the
 * host's listeners do: runs `then` once the element that fired `event` goes ahead with it (no
 * listener cancelled it), synchronously, before that element's own next step. Nothing runs
 * when the event is cancelled. A host's `preventDefault()` is thus honoured like `sms-send`'s,
 * by the element's decision, never by a later peek at `defaultPrevented`.
 */
export function whenGoneAhead(event: Event, then: () => void): void {
  const list = followers.get(event);
  if (list) list.push(then);
  else followers.set(event, [then]);
}

/**
 * For the element that fires a cancelable event: dispatches it and, unless a listener cancelled
 * it, runs what listeners asked with {@link whenGoneAhead}. Returns whether it goes ahead.
 */
export function dispatchDecided(target: EventTarget, event: Event): boolean {
  const ahead = target.dispatchEvent(event);
  const then = followers.get(event) ?? [];
  followers.delete(event);
  if (ahead) for (const run of then) run();
  return ahead;
}
