import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fillReply, filterReplies, findVariables, nextVariable } from '../../src/rules/reply-variables.js';

describe('reply variables', () => {
  it('fills known variables and lists the others with their place in the filled text', () => {
    const filled = fillReply('Hi {first_name}, this is {agent_name} from {company}. See you {date}?', {
      first_name: 'Maria',
      agent_name: 'Dana',
      company: '',
    });
    expect(filled.text).to.equal('Hi Maria, this is Dana from {company}. See you {date}?');
    expect(filled.unresolved.map((v) => v.name)).to.deep.equal(['company', 'date']);
    for (const v of filled.unresolved) expect(filled.text.slice(v.start, v.end)).to.equal(`{${v.name}}`);
  });

  it('matches names ignoring case, trims values, and never fills a value twice', () => {
    expect(fillReply('{First_Name}!', { first_name: '  Ana ' }).text).to.equal('Ana!');
    const filled = fillReply('{a} {b}', { a: '{b}', b: 'x' });
    expect(filled.text).to.equal('{b} x');
    expect(filled.unresolved).to.deep.equal([]);
  });

  it('leaves braces that are not variables as they are', () => {
    expect(findVariables('{} { x } {1st} {ok_1}').map((v) => v.name)).to.deep.equal(['ok_1']);
    expect(fillReply('{}', {}).text).to.equal('{}');
  });

  it('goes to the next variable from the caret, wrapping around', () => {
    const text = 'A {x} B {y}';
    expect(nextVariable(text, 0)?.name).to.equal('x');
    expect(nextVariable(text, 3)?.name).to.equal('y');
    expect(nextVariable(text, 11)?.name).to.equal('x');
    expect(nextVariable('none', 0)).to.equal(null);
  });

  it('keeps every character that is not a filled variable (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (template, value) => {
        const filled = fillReply(template, {});
        expect(filled.text).to.equal(template);
        const withValue = fillReply(template, { x: value.trim() ? value : 'v' });
        for (const v of withValue.unresolved)
          expect(withValue.text.slice(v.start, v.end)).to.equal(`{${v.name}}`);
      }),
    );
  });

  it('filters replies by every word in the title or the text, titles first, ignoring accents', () => {
    const replies = [
      { title: 'Directions', text: 'We are at Calle Mayor 5.' },
      { title: 'Dirección', text: 'Estamos en la Calle Mayor 5.' },
      { title: 'Hours', text: 'Open 9 to 5; directions on our site.' },
    ];
    expect(filterReplies(replies, 'direc').map((r) => r.title)).to.deep.equal([
      'Directions',
      'Dirección',
      'Hours',
    ]);
    expect(filterReplies(replies, 'calle mayor').map((r) => r.title)).to.deep.equal([
      'Directions',
      'Dirección',
    ]);
    expect(filterReplies(replies, '  ')).to.have.length(3);
    expect(filterReplies(replies, 'zzz')).to.deep.equal([]);
  });
});
