/** Resolves on the next animation frame (twice: after layout and paint of the change). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * Polls `check` every frame until it returns (or resolves to) a truthy value, or fails after
 * `timeout` ms with `message`. An async check is awaited: its promise is not the answer.
 */
export async function until<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  message: string,
  timeout = 3000,
): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > end) throw new Error(`Timed out: ${message}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Resolves after the next frame has been rendered (a task queued from its animation-frame callback). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
