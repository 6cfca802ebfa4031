// The weight floor of scenario 1: one small element that uses lit, @lit-labs/virtualizer, rxjs
// (a BehaviorSubject and the selector operators) and idb, bundled with all of them inside.
import { LitElement, html, css } from 'lit';
import '@lit-labs/virtualizer';
import { BehaviorSubject, map, distinctUntilChanged, shareReplay } from 'rxjs';
import { openDB } from 'idb';

const state = new BehaviorSubject({ items: [] });
const items$ = state.pipe(
  map((s) => s.items),
  distinctUntilChanged(),
  shareReplay({ bufferSize: 1, refCount: true }),
);

class FloorElement extends LitElement {
  static properties = { items: { state: true } };
  static styles = css`
    :host {
      display: block;
    }
  `;

  connectedCallback() {
    super.connectedCallback();
    this.sub = items$.subscribe((items) => (this.items = items));
    void openDB('floor', 1, { upgrade: (db) => db.createObjectStore('rows') })
      .then((db) => db.getAll('rows'))
      .then((rows) => state.next({ items: rows }));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.sub?.unsubscribe();
  }

  render() {
    return html`<lit-virtualizer
      .items=${this.items ?? []}
      .renderItem=${(i) => html`<div>${i}</div>`}
    ></lit-virtualizer>`;
  }
}
customElements.define('floor-element', FloorElement);
