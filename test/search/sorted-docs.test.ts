import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { MessageDoc } from '../../src/search/search-doc.js';
import { SortedDocs, compareDocs } from '../../src/search/sorted-docs.js';

const doc = (key: string, createdAt: number): MessageDoc => ({
  key,
  conversationId: 'c',
  messageId: key,
  createdAt,
  direction: 'inbound',
  from: '+12025550100',
  text: '',
  attachments: 0,
  words: '',
  numbers: '',
});

describe('SortedDocs', () => {
  it('reads newest first what was added and not deleted, whatever the order (chunks split past 1,024)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 200 }), fc.boolean()),
          {
            minLength: 0,
            maxLength: 2500,
          },
        ),
        (ops) => {
          const docs = new SortedDocs();
          const model = new Map<string, MessageDoc>();
          for (const [id, time, remove] of ops) {
            const key = `k${id}`;
            const known = model.get(key);
            if (remove) {
              if (known) expect(docs.delete(known)).to.equal(true);
              else expect(docs.delete(doc(key, time))).to.equal(false);
              model.delete(key);
            } else if (!known) {
              const d = doc(key, time);
              docs.add(d);
              model.set(key, d);
            }
          }
          const read: MessageDoc[] = [];
          docs.newestFirst((d) => void read.push(d));
          expect(read.map((d) => d.key)).to.deep.equal(
            [...model.values()]
              .sort(compareDocs)
              .reverse()
              .map((d) => d.key),
          );
          expect(docs.size).to.equal(model.size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops reading when the visitor says so, and deletes by a condition in one pass', () => {
    const docs = new SortedDocs();
    for (let i = 0; i < 3000; i++) docs.add(doc(`k${i}`, i % 7 === 0 ? i : 3000 - i));
    const first: string[] = [];
    docs.newestFirst((d) => (first.push(d.key), first.length < 3));
    expect(first).to.have.length(3);
    docs.deleteWhere((d) => d.createdAt % 2 === 0);
    let n = 0;
    docs.newestFirst((d) => {
      expect(d.createdAt % 2).to.equal(1);
      n++;
    });
    expect(n).to.equal(docs.size);
  });
});
