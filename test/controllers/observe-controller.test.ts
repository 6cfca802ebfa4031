import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { BehaviorSubject, Subject } from 'rxjs';
import { ObserveController } from '../../src/controllers/observe-controller.js';
import { until } from '../helpers/wait.js';

// Issue 16, defect 2 at its root: Lit runs `willUpdate` before controllers' `hostUpdate`, so a
// value read there used to belong to the previous source (the previous chat).

const sources: Record<string, BehaviorSubject<string>> = {
  a: new BehaviorSubject('value of a'),
  b: new BehaviorSubject('value of b'),
};
const silent = new Subject<string>();

class ObserveHost extends LitElement {
  static override properties = { key: {} };
  declare key: string;
  readonly observed = new ObserveController(this, () =>
    this.key === 'silent' ? silent : this.key ? sources[this.key] : undefined,
  );
  readonly seen: {
    willUpdate: string | undefined;
    render: string | undefined;
    updated: string | undefined;
  }[] = [];
  #current: { willUpdate: string | undefined; render: string | undefined; updated: string | undefined } = {
    willUpdate: undefined,
    render: undefined,
    updated: undefined,
  };

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#current = { willUpdate: this.observed.value, render: undefined, updated: undefined };
  }

  override render() {
    this.#current.render = this.observed.value;
    return html`${this.observed.value ?? ''}`;
  }

  override updated(): void {
    this.#current.updated = this.observed.value;
    this.seen.push(this.#current);
  }
}
customElements.define('observe-host', ObserveHost);

const stream = new BehaviorSubject(0);

/** A host that renders a stream at most every 100 ms, counting its renders. */
class StreamHost extends LitElement {
  readonly observed = new ObserveController(this, () => stream, { streamInterval: 100 });
  renders = 0;

  override render() {
    this.renders++;
    return html`${this.observed.value}`;
  }
}
customElements.define('observe-stream-host', StreamHost);

describe('ObserveController', () => {
  it('gives the current source’s value in willUpdate, render and updated', async () => {
    const el = await fixture<ObserveHost>(html`<observe-host .key=${'a'}></observe-host>`);
    for (const key of ['b', 'a', 'b', 'a']) {
      el.key = key;
      await el.updateComplete;
      const value = `value of ${key}`;
      expect(el.seen.at(-1)).to.deep.equal({ willUpdate: value, render: value, updated: value });
      expect(el.shadowRoot!.textContent).to.equal(value);
    }
  });

  it('is current when read between updates, right after the source changes', async () => {
    const el = await fixture<ObserveHost>(html`<observe-host .key=${'a'}></observe-host>`);
    el.key = 'b';
    expect(el.observed.value).to.equal('value of b');
    await el.updateComplete;
  });

  it('never shows the old source’s value while the new one has not emitted', async () => {
    const el = await fixture<ObserveHost>(html`<observe-host .key=${'a'}></observe-host>`);
    el.key = 'silent';
    await el.updateComplete;
    expect(el.seen.at(-1)!.willUpdate).to.equal(undefined);
    silent.next('late');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('late');
  });

  it('re-renders on new values of the same source', async () => {
    const el = await fixture<ObserveHost>(html`<observe-host .key=${'a'}></observe-host>`);
    sources['a']!.next('a again');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('a again');
    sources['a']!.next('value of a');
  });

  it('ends its subscription when the host disconnects', async () => {
    const el = await fixture<ObserveHost>(html`<observe-host .key=${'a'}></observe-host>`);
    expect(sources['a']!.observed).to.equal(true);
    el.remove();
    expect(sources['a']!.observed).to.equal(false);
  });

  // Issue 21 (decision 0019): a stream of values (a burst of inbound texts) rendered the host
  // every frame; with `streamInterval` it renders at most once per interval, then the latest value.
  it('renders a stream at most once per streamInterval, the first change and the last value at once', async () => {
    const el = await fixture<StreamHost>(html`<observe-stream-host></observe-stream-host>`);
    await new Promise((r) => setTimeout(r, 150));
    const before = el.renders;
    stream.next(1);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent, 'the first change after a quiet moment, in the next frame').to.equal(
      '1',
    );
    const first = el.renders;
    expect(first).to.equal(before + 1);
    const start = performance.now();
    let n = 1;
    while (performance.now() - start < 1000) {
      stream.next(++n);
      await new Promise((r) => setTimeout(r, 4));
    }
    const elapsed = performance.now() - start;
    await until(() => el.shadowRoot!.textContent === String(n), 'the last value shown');
    // At most one render per 100 ms of the stream, plus the one that shows the last value.
    expect(el.renders - first).to.be.at.most(Math.ceil(elapsed / 100) + 1);
    expect(n, 'values kept coming').to.be.greaterThan(50);
  });
});
