declare global {
  interface Window {
    /** Settings for long on-demand runs, from the environment of `wtr` (web-test-runner.config.js). */
    __smsTestEnv?: Readonly<Record<string, string | undefined>>;
  }
}

/**
 * A setting given to the test runner in the environment (e.g. `OUTBOX_MODEL_RUNS=200 npx wtr …`),
 * for the long on-demand forms of bounded tests; `undefined` when not set.
 */
export function testEnv(name: string): string | undefined {
  const value = window.__smsTestEnv?.[name];
  return value === undefined || value === '' ? undefined : value;
}
