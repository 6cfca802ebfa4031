// The request plumbing of the HTTP transport: queries, the error an answer maps to (status → kind,
// the server's code, Retry-After), JSON, uploads with progress (XMLHttpRequest), letting go of a body.
import { TransportError } from '../errors.js';
import type { TransportErrorKind } from '../errors.js';
import type * as T from '../transport.js';

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Query;
  readonly json?: unknown;
  readonly body?: Blob;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal | undefined;
}

export const STATUS_KIND: Record<number, TransportErrorKind> = {
  400: 'invalid',
  401: 'auth',
  403: 'auth',
  404: 'not-found',
  405: 'invalid',
  409: 'invalid',
  410: 'not-found',
  413: 'invalid',
  415: 'invalid',
  422: 'invalid',
  429: 'rate-limited',
};

export const aborted = () => new TransportError('aborted', 'The request was cancelled.');

/** The `TransportError` for an HTTP answer that is not a success (see docs/http-protocol.md). */
export function errorFromResponse(
  status: number,
  bodyText: string,
  retryAfter: string | null,
): TransportError {
  let code: string | undefined;
  let message = `The server answered ${status}.`;
  let retryAfterMs: number | undefined;
  try {
    const body = JSON.parse(bodyText) as {
      error?: { code?: unknown; message?: unknown; retryAfterMs?: unknown };
    };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    if (typeof body.error?.retryAfterMs === 'number') retryAfterMs = body.error.retryAfterMs;
  } catch {
    // not JSON (a proxy's page): keep the status text
  }
  const kind: TransportErrorKind = STATUS_KIND[status] ?? 'network';
  if (kind === 'rate-limited' && retryAfter !== null) {
    const seconds = Number(retryAfter);
    const date = Date.parse(retryAfter);
    const fromHeader = Number.isFinite(seconds)
      ? seconds * 1000
      : Number.isFinite(date)
        ? date - Date.now()
        : NaN;
    if (retryAfterMs === undefined && Number.isFinite(fromHeader)) retryAfterMs = Math.max(0, fromHeader);
  }
  if (kind === 'rate-limited') retryAfterMs ??= 1000;
  return new TransportError(kind, message, {
    ...(code ? { code } : kind === 'network' ? { code: `http-${status}` } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function enc(value: string): string {
  return encodeURIComponent(String(value));
}

export function toQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function parseJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new TransportError('network', 'The server sent an answer that is not JSON.', { cause: error });
  }
}

/** One upload with `XMLHttpRequest`, for its upload progress events. */
export function xhrUpload(
  url: string,
  request: T.UploadRequest,
  token: string | null | undefined,
): Promise<{ status: number; text: string; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const signal = request.signal;
    const onAbort = () => xhr.abort();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    let loaded = 0;
    xhr.upload.onprogress = (e) => {
      const total = request.file.size;
      loaded = Math.max(loaded, Math.min(total, e.loaded));
      request.onProgress?.(loaded, total);
    };
    xhr.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      if (xhr.status >= 200 && xhr.status < 300) request.onProgress?.(request.file.size, request.file.size);
      resolve({
        status: xhr.status,
        text: xhr.responseText,
        retryAfter: xhr.getResponseHeader('Retry-After'),
      });
    };
    xhr.onerror = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TransportError('network', 'The upload could not reach the server.'));
    };
    xhr.onabort = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(request.file);
  });
}

/**
 * Lets go of an answer the transport does not read (a 401 before retrying, a refused event
 * stream). A body that already failed rejects its cancel: safe to ignore, nothing is in it.
 */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
