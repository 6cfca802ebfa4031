import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Turns the real mouse wheel over `target` (its centre, or `position` in page pixels): the
 * browser scrolls whatever is under the pointer, as it does for a person. Needs the
 * `wheelPlugin()` of test/helpers/wheel-plugin.mjs in the runner's config.
 */
export async function sendWheel(
  target: Element | readonly [number, number],
  delta: { readonly deltaX?: number; readonly deltaY?: number },
): Promise<void> {
  let position: readonly [number, number];
  if (Array.isArray(target)) position = target as readonly [number, number];
  else {
    const r = (target as Element).getBoundingClientRect();
    position = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
  }
  await executeServerCommand('send-wheel', { position, ...delta });
}
