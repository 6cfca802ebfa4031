import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { linkify } from '../../src/internal/linkify.js';

const links = (text: string) => linkify(text).filter((p): p is { text: string; href: string } => 'href' in p);

describe('linkify', () => {
  it('links http(s), www, mailto and tel, and trims sentence punctuation', () => {
    expect(links('See https://example.com/a?b=1.').map((l) => l.href)).to.deep.equal([
      'https://example.com/a?b=1',
    ]);
    expect(links('(www.example.com/x)')[0]!.href).to.equal('https://www.example.com/x');
    expect(links('mail mailto:ops@example.com now')[0]!.href).to.equal('mailto:ops@example.com');
    expect(links('call tel:+12025550143')[0]!.href).to.equal('tel:+12025550143');
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar)')[0]!.href).to.equal(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
  });

  it('never links javascript:, data:, vbscript:, file: or hidden schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'java\u0000script:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '\u0001javascript:alert(1)',
      'https://bank.example@evil.example/',
      'http://localhost',
    ]) {
      expect(links(text), text).to.deep.equal([]);
      expect(
        linkify(text)
          .map((p) => p.text)
          .join(''),
        text,
      ).to.equal(text);
    }
  });

  it('shows a link as it was written, slash before the query included', () => {
    // Found by the model run (seed 502 path 27): the bubble showed "https://maps.example.com?q=…"
    // for a text that says "https://maps.example.com/?q=…".
    for (const text of [
      'https://maps.example.com/?q=1600+Main+St',
      'https://example.com',
      'https://example.com/',
      'www.example.com?x=1',
      'www.example.com/?x=1',
      'https://example.com/#top',
      'https://example.com#top',
      'https://example.com:8443/a/b?c=d#e',
    ]) {
      expect(links(`Map: ${text}`)[0]!.text, text).to.equal(text);
    }
  });

  it('shows look-alike (IDN) hosts in punycode', () => {
    const [link] = links('pay at https://аpple.com/login');
    expect(link!.text).to.equal('https://xn--pple-43d.com/login');
  });

  it('keeps every character of the text, and links only allowed schemes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parts = linkify(text);
        for (const p of parts) {
          if ('href' in p) expect(/^(https?:|mailto:|tel:)/.test(p.href)).to.equal(true);
        }
        const plain = parts
          .filter((p) => !('href' in p))
          .map((p) => p.text)
          .join('');
        expect(plain.length).to.be.at.most(text.length);
      }),
    );
  });
});
