import type { Transport, TransportEvent } from '../../src/transport/transport.js';

/**
 * Wraps a transport as a malicious server would answer: every display string it returns —
 * account name, number labels, contact names and labels, participant names, message bodies,
 * attachment names and MIME types — is replaced by the next string of `payloads` (in turn).
 * Ids, numbers and timestamps stay valid so the client accepts the payloads and renders them.
 */
export function hostileTransport(inner: Transport, payloads: readonly string[]): Transport {
  let i = 0;
  const next = () => payloads[i++ % payloads.length]!;
  const poison = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'names' && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.keys(v).map((n) => [n, next()]));
      } else if ((k === 'name' || k === 'label' || k === 'text') && typeof v === 'string') {
        out[k] = next();
      } else if (k === 'type' && typeof v === 'string' && key === 'attachments') {
        // A hostile MIME type: the client must not trust it to decide how to show the file.
        out[k] = i % 2 ? 'text/html' : `image/svg+xml"><script>__xss()</script>`;
      } else {
        out[k] = poison(v, k);
      }
    }
    return out;
  };
  const methods = [
    'getAccount',
    'listConversations',
    'getConversation',
    'findConversation',
    'listMessages',
    'sendMessage',
    'uploadAttachment',
    'deleteMessage',
    'deleteConversation',
    'markRead',
    'markUnread',
    'searchContacts',
  ] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of methods) {
    const method = inner[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      const result = await method.apply(inner, args);
      // The sender's own text comes back as sent; everything else is the server's word.
      return name === 'sendMessage' || name === 'uploadAttachment' ? result : poison(result);
    };
  }
  const result = wrapped as unknown as Transport;
  result.subscribe = (listener: (event: TransportEvent) => void) =>
    inner.subscribe((event) => listener(poison(event) as TransportEvent));
  return result;
}
