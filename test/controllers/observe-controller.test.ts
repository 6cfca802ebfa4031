import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { BehaviorSubject, Subject } from 'rxjs';
import { ObserveController, renderPendingNow } from '../../src/controllers/observe-controller.js';
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

const reading = new BehaviorSubject(0);

/** A host read as it changes (the open thread): a stream only once 3 renders came within 100 ms. */
class ReadingHost extends LitElement {
  readonly observed = new ObserveController(this, () => reading, { streamInterval: 100, streamAfter: 3 });
  renders = 0;

  override render() {
    this.renders++;
    return html`${this.observed.value}`;
  }
}
customElements.define('observe-reading-host', ReadingHost);

/** The next animation frame, then a task after it (what that frame rendered is in the DOM). */
const afterFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

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

  // Issue 21: the open thread renders a lasting stream of texts every 200 ms, but a change or
  // two (a chat opened, a page read, a text) must still render in the next frame.
  it('with streamAfter, renders each change in the next frame until a stream lasts, then thins it', async () => {
    const el = await fixture<ReadingHost>(html`<observe-reading-host></observe-reading-host>`);
    await new Promise((r) => setTimeout(r, 250));
    const before = el.renders;
    for (let i = 1; i <= 3; i++) {
      reading.next(i);
      await afterFrame();
      await el.updateComplete;
      expect(el.shadowRoot!.textContent, `change ${i}, in the next frame`).to.equal(String(i));
    }
    expect(el.renders).to.equal(before + 3);
    const first = el.renders;
    const start = performance.now();
    let n = 3;
    while (performance.now() - start < 1000) {
      reading.next(++n);
      await new Promise((r) => setTimeout(r, 4));
    }
    const elapsed = performance.now() - start;
    await until(() => el.shadowRoot!.textContent === String(n), 'the last value shown');
    expect(el.renders - first).to.be.at.most(Math.ceil(elapsed / 100) + 2);
    expect(n - 3, 'values kept coming').to.be.greaterThan(50);
  });

  // The echo of a person's own send while texts stream in: renderPendingNow renders a host
  // waiting for its stream interval at once (it waited up to the interval before).
  it('renderPendingNow renders a stream host waiting for its interval in the current task', async () => {
    const el = await fixture<StreamHost>(html`<observe-stream-host></observe-stream-host>`);
    stream.next(-1);
    await afterFrame();
    await el.updateComplete;
    stream.next(-2); // within the interval: waits for its end
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('-1');
    renderPendingNow();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent, 'rendered before any frame or timer').to.equal('-2');
  });
});
