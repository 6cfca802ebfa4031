import { expect } from '@open-wc/testing';

/** Runs axe-core on an element (and its shadow tree) and fails with the list of violations. */
export async function expectAccessible(el: Element): Promise<void> {
  await expect(el).to.be.accessible();
}
