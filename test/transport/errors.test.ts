import { expect } from '@open-wc/testing';
import { TransportError, isTransportError, toTransportError } from '../../src/transport/errors.js';

describe('TransportError', () => {
  it('is retryable only for network and rate-limited failures', () => {
    expect(new TransportError('network', 'x').retryable).to.equal(true);
    expect(new TransportError('rate-limited', 'x', { retryAfterMs: 10 }).retryable).to.equal(true);
    expect(new TransportError('auth', 'x').retryable).to.equal(false);
    expect(new TransportError('invalid', 'x', { code: 'too-large' }).code).to.equal('too-large');
  });

  it('wraps unknown failures as network errors and aborts as aborted', () => {
    expect(toTransportError(new Error('boom')).kind).to.equal('network');
    expect(toTransportError(new DOMException('stop', 'AbortError')).kind).to.equal('aborted');
    expect(isTransportError({ name: 'TransportError', kind: 'auth' })).to.equal(true);
    expect(isTransportError(new Error('x'))).to.equal(false);
  });
});
