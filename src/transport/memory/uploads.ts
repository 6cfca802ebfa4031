// Uploads: progress in proportion to the size, the type by content, the number’s limits.
import type { Attachment } from '../../model/attachment.js';
import { detectFileType, resolvePolicy } from '../../rules/index.js';
import { TransportError } from '../errors.js';
import type { UploadRequest } from '../transport.js';
import { readMediaInfo } from './media.js';
import { filesRefusal } from '../backend/requests.js';
import { invalid } from './state.js';
import type { AccountData, MemoryState } from './state.js';

export async function uploadAttachment(
  state: MemoryState,
  data: AccountData,
  request: UploadRequest,
): Promise<Attachment> {
  const own = state.own(data, request.from);
  const file: unknown = request.file;
  if (!(file instanceof Blob)) throw invalid('bad-request', 'The upload needs a file.');
  const name = typeof request.name === 'string' && request.name ? request.name : 'file';
  const policy = resolvePolicy(own);
  // Like a server reading Content-Length: refuse what can never be sent before any byte moves.
  const early = filesRefusal([{ name, size: file.size, detected: null }], policy, true);
  if (early) throw invalid(early.code, early.message);
  const total = file.size;
  const speed = Math.max(1, state.options.uploadBytesPerSecond ?? 1_000_000);
  const steps = Math.max(4, Math.min(20, Math.ceil(total / 65_536)));
  request.onProgress?.(0, total);
  for (let step = 1; step <= steps; step++) {
    await state.sleep(((total / steps) * 1000) / speed, request.signal);
    if (state.offline) throw new TransportError('network', 'The upload was interrupted.');
    request.onProgress?.(Math.round((total * step) / steps), total);
  }
  // Now the server has the bytes: decide the type by content, whatever the name or type say.
  const detected = await detectFileType(Object.assign(file.slice(0, file.size, file.type), { name }));
  const rejected = filesRefusal([{ name, size: total, detected }], policy);
  if (rejected) throw invalid(rejected.code, rejected.message);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = readMediaInfo(bytes);
  let url = '';
  if (typeof URL.createObjectURL === 'function') {
    url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: detected!.mime }));
    state.objectUrls.add(url);
  }
  const attachment: Attachment = {
    id: state.id('att'),
    name,
    type: detected!.mime,
    size: total,
    url,
    ...info,
  };
  data.uploads.set(attachment.id, { attachment, detected: detected! });
  return structuredClone(attachment);
}
