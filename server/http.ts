// HTTP plumbing of the reference server: errors as answers, the request context, JSON in and out,
// the small readers of query and body values.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account } from '../src/model/account.js';
import { readLimit } from '../src/transport/backend/cursors.js';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.extra = extra;
  }
}

export const invalid = (code: string, message: string) => new HttpError(400, code, message);
export const notFound = (message: string) => new HttpError(404, 'not-found', message);

export interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly origin: string;
  readonly account: Account;
  readonly token: string;
}

export type Handler = (ctx: Ctx, params: string[]) => Promise<unknown> | unknown;

export const MAX_JSON_BYTES = 64 * 1024;
/** An upload larger than this is cut off without reading the rest. */
export const HARD_UPLOAD_LIMIT = 32 * 1024 * 1024;

/** A page size from the query string (see {@link readLimit}); anything but a number is refused. */
export function pageSize(raw: string | null, fallback: number, max: number): number {
  const limit = readLimit(raw, fallback, max);
  if (limit === undefined) throw invalid('bad-request', 'limit must be a number.');
  return limit;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameTokens(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      throw new HttpError(413, 'body-too-large', `A JSON body may have at most ${MAX_JSON_BYTES} bytes.`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(
      'malformed-json',
      `The request body is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
    );
  }
  if (!isRecord(value)) throw invalid('malformed-json', 'The request body must be a JSON object.');
  return value;
}
