// @ts-check
/**
 * A test-runner command that turns the real mouse wheel (`Input.dispatchMouseEvent` of type
 * `mouseWheel` through the browser's protocol), as `sendMouse` does for buttons: the browser
 * scrolls what is under the pointer exactly as it would for a person. Use it from a test with
 * `sendWheel()` of test/helpers/wheel.ts.
 *
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function wheelPlugin() {
  return {
    name: 'send-wheel-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'send-wheel') return undefined;
      const { position, deltaX = 0, deltaY = 0 } = /** @type {any} */ (payload ?? {});
      if (!Array.isArray(position) || !position.every((n) => Number.isFinite(n))) {
        throw new Error('send-wheel needs a position [x, y] in page pixels.');
      }
      if (session.browser.type !== 'puppeteer' && session.browser.type !== 'playwright') {
        throw new Error(`The wheel is not supported for browser type ${session.browser.type}.`);
      }
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      await page.mouse.move(Math.round(position[0]), Math.round(position[1]));
      await page.mouse.wheel({ deltaX, deltaY });
      return true;
    },
  };
}
