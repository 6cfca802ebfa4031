import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { MessageStatus } from '../../src/model/message.js';
import { canMoveTo, mergeMessage } from '../../src/rules/message-status.js';
import { message } from '../store/fixtures.js';

const statuses: MessageStatus[] = ['queued', 'sending', 'sent', 'delivered', 'failed'];
const order: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: 9 };

describe('message status', () => {
  it('moves forward only', () => {
    expect(canMoveTo('queued', undefined, 'sending')).to.equal(true);
    expect(canMoveTo('sending', undefined, 'sent')).to.equal(true);
    expect(canMoveTo('sent', undefined, 'delivered')).to.equal(true);
    expect(canMoveTo('delivered', undefined, 'sent')).to.equal(false);
    expect(canMoveTo('sent', undefined, 'sending')).to.equal(false);
    expect(canMoveTo('sending', undefined, 'queued')).to.equal(false);
  });

  it('fails from queued, sending or sent, never after delivery', () => {
    expect(canMoveTo('queued', undefined, 'failed')).to.equal(true);
    expect(canMoveTo('sending', undefined, 'failed')).to.equal(true);
    expect(canMoveTo('sent', undefined, 'failed')).to.equal(true);
    expect(canMoveTo('delivered', undefined, 'failed')).to.equal(false);
  });

  it('lets a late acknowledgement upgrade a failure decided on this device only', () => {
    const local = { code: 'timeout', reason: 'x', local: true };
    const carrier = { code: 'carrier-rejected', reason: 'x' };
    expect(canMoveTo('failed', local, 'sent')).to.equal(true);
    expect(canMoveTo('failed', local, 'delivered')).to.equal(true);
    expect(canMoveTo('failed', carrier, 'sent')).to.equal(false);
    expect(canMoveTo('failed', local, 'queued')).to.equal(false);
    expect(canMoveTo('failed', carrier, 'queued', { allowRetry: true })).to.equal(true);
  });

  it('never goes backwards under any sequence of updates (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statuses), { maxLength: 30 }), (updates) => {
        let current: MessageStatus = 'queued';
        let reachedDelivered = false;
        for (const next of updates) {
          if (canMoveTo(current, undefined, next)) {
            if (current !== 'failed' && next !== 'failed')
              expect(order[next]).to.be.greaterThan(order[current]);
            current = next;
          }
          if (current === 'delivered') reachedDelivered = true;
          if (reachedDelivered) expect(current).to.equal('delivered');
        }
      }),
    );
  });

  it('merges fields from the newer copy but keeps the forward status and the local time', () => {
    const local = message('c-1', 1000, { clientId: 'c-1', status: 'sent', direction: 'outbound' });
    const late = message('s-9', 5000, {
      clientId: 'c-1',
      status: 'sending',
      text: 'server text',
      direction: 'outbound',
    });
    const merged = mergeMessage(local, late);
    expect(merged.id).to.equal('s-9');
    expect(merged.status).to.equal('sent');
    expect(merged.createdAt).to.equal(1000);
    expect(merged.text).to.equal('server text');
  });
});
