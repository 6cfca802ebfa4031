import { resolvePolicy } from '../../rules/attachment-policy.js';
import {
  assert,
  rejectsWith,
  randomId,
  pngBytes,
  PNG_SIZE,
  checkAttachment,
  checkMessage,
} from './checks.js';
import type { Suite } from './suite.js';

/** Uploads: progress, the type by content, the number’s limits, sending the attachment. */
export function uploadsConformance(s: Suite): void {
  const { test, r0, ownNumber } = s;

  test('uploads: progress, type by content, the number’s limits; the attachment can be sent', async ({
    transport,
  }) => {
    const own = await ownNumber(transport, 'mms');
    const progress: [number, number][] = [];
    const attachment = await transport.uploadAttachment({
      file: new Blob([pngBytes()], { type: 'application/octet-stream' }),
      name: 'dot.jpg',
      from: own.number,
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    checkAttachment(attachment, 'the uploaded attachment');
    assert(progress.length > 0, 'onProgress must be called');
    for (let i = 0; i < progress.length; i++) {
      const [loaded, total] = progress[i]!;
      assert(total === PNG_SIZE, `progress total is the file size ${PNG_SIZE}, got ${total}`);
      assert(loaded >= 0 && loaded <= total, 'progress must stay within the total');
      assert(i === 0 || loaded >= progress[i - 1]![0], 'progress must not go back');
    }
    assert(progress.at(-1)![0] === PNG_SIZE, 'the last progress call reports every byte');
    assert(
      attachment.type === 'image/png',
      `the type is decided by content (PNG bytes named .jpg, sent as octet-stream), got ${attachment.type}`,
    );
    assert(attachment.name === 'dot.jpg', 'the attachment keeps its name');
    assert(attachment.size === PNG_SIZE, 'the attachment has the size of the file');
    const message = await transport.sendMessage({
      clientId: randomId(),
      from: own.number,
      to: [r0],
      text: '',
      attachmentIds: [attachment.id],
    });
    checkMessage(message, 'a message with an attachment');
    assert(
      message.attachments.length === 1 && message.attachments[0]!.id === attachment.id,
      'the message carries the attachment',
    );
    const max = resolvePolicy(own).maxFileBytes;
    await rejectsWith(
      transport.uploadAttachment({
        file: new Blob([pngBytes(max + 1 - PNG_SIZE)]),
        name: 'big.png',
        from: own.number,
      }),
      ['invalid'],
      `a file of ${max + 1} bytes, over the number’s limit of ${max}`,
      ['file-too-large'],
    );
    const html = new TextEncoder().encode(
      '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
    );
    await rejectsWith(
      transport.uploadAttachment({
        file: new Blob([html], { type: 'image/png' }),
        name: 'photo.png',
        from: own.number,
      }),
      ['invalid'],
      'HTML named .png',
      ['type-mismatch', 'type-not-allowed'],
    );
    await rejectsWith(
      transport.uploadAttachment({ file: new Blob([]), name: 'empty.png', from: own.number }),
      ['invalid'],
      'an empty file',
      ['empty-file'],
    );
  });
}
