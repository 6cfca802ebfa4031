import { expect } from '@open-wc/testing';
import { snippet } from '../../src/search/highlight.js';
import { parseSearchQuery } from '../../src/transport/search-match.js';

const marked = (text: string, query: string): string =>
  snippet(text, parseSearchQuery(query))
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('search snippets', () => {
  it('marks the matched start of each word, across accents and case', () => {
    expect(marked('Dirección: Calle Mayor', 'direccion cal')).to.equal('[Dirección]: [Cal]le Mayor');
    expect(marked('El portón está abierto', 'PORTON')).to.equal('El [portón] está abierto');
    expect(marked('un pedido, dos pedidos', 'ped')).to.equal('un [ped]ido, dos [ped]idos');
    expect(marked('Tapped', 'ped')).to.equal('Tapped');
  });

  it('marks a number written with other punctuation', () => {
    expect(marked('Call me at (202) 555-0143 today', '555 0143')).to.equal(
      'Call me at (202) [555-0143] today',
    );
  });

  it('keeps long texts short around the first match', () => {
    const text = `${'palabra '.repeat(40)}código 4471 ${'final '.repeat(40)}`;
    const out = marked(text, 'codigo');
    expect(out).to.contain('[código]');
    expect(out.startsWith('…')).to.equal(true);
    expect(out.endsWith('…')).to.equal(true);
    expect(out.length).to.be.below(130);
  });

  it('marks a decomposed accent with its letter', () => {
    expect(marked('Direccio\u0301n', 'direccion')).to.equal('[Direccio\u0301n]');
  });
});
