/**
 * The byte encoders of the demo files, in plain TypeScript (they work in Node, where the reference
 * server seeds its database with them): PNG, animated GIF, baseline JPEG, a one-page PDF, a WAV
 * tone. Small and uncompressed on purpose; `media.ts` decides which file is made when.
 */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) typed[i] = type.charCodeAt(i);
  typed.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(typed, 4);
  out.set(u32(crc32(typed)), 8 + data.length);
  return out;
}

/** zlib stream of stored (uncompressed) deflate blocks. */
function zlibStore(raw: Uint8Array): Uint8Array {
  const blocks = Math.ceil(raw.length / 65535) || 1;
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 255;
    out[o++] = len >>> 8;
    out[o++] = ~len & 255;
    out[o++] = (~len >>> 8) & 255;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  let a = 1;
  let d = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]!) % 65521;
    d = (d + a) % 65521;
  }
  out.set(u32(((d << 16) | a) >>> 0), o);
  return out;
}

/** A PNG of a soft gradient with a circle, in the hue given. */
export function makePng(width: number, height: number, hue: number): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array((width * 3 + 1) * height);
  const [r1, g1, b1] = hsl(hue, 0.55, 0.55);
  const [r2, g2, b2] = hsl((hue + 40) % 360, 0.6, 0.3);
  const cx = width * 0.62;
  const cy = height * 0.42;
  const radius = Math.min(width, height) * 0.22;
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < radius ** 2;
      raw[o++] = inside ? 250 : Math.round(r1 + (r2 - r1) * t);
      raw[o++] = inside ? 235 : Math.round(g1 + (g2 - g1) * t);
      raw[o++] = inside ? 180 : Math.round(b1 + (b2 - b1) * t);
    }
  }
  const header = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', zlibStore(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * An animated GIF: one frame per entry of `frames`, each giving the palette index of a pixel.
 * The LZW stream is "uncompressed" (a clear code every 250 pixels keeps codes 9 bits wide),
 * which every decoder reads.
 */
export function makeGif(
  width: number,
  height: number,
  palette: readonly (readonly [number, number, number])[],
  frames: readonly ((x: number, y: number) => number)[],
  delayCs = 40,
): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];
  const le16 = (n: number) => out.push(n & 255, (n >>> 8) & 255);
  le16(width);
  le16(height);
  out.push(0xf7, 0, 0); // global colour table of 256 entries
  for (let i = 0; i < 256; i++) out.push(...(palette[i] ?? [0, 0, 0]));
  out.push(0x21, 0xff, 0x0b, ...[...'NETSCAPE2.0'].map((c) => c.charCodeAt(0)), 3, 1, 0, 0, 0);
  for (const frame of frames) {
    out.push(0x21, 0xf9, 4, 0x04);
    le16(delayCs);
    out.push(0, 0, 0x2c);
    le16(0);
    le16(0);
    le16(width);
    le16(height);
    out.push(0, 8); // no local table; LZW minimum code size 8
    const data: number[] = [];
    let acc = 0;
    let bits = 0;
    const code = (c: number) => {
      acc |= c << bits;
      bits += 9;
      while (bits >= 8) {
        data.push(acc & 255);
        acc >>>= 8;
        bits -= 8;
      }
    };
    let run = 0;
    code(256);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (run === 250) {
          code(256);
          run = 0;
        }
        code(frame(x, y) & 255);
        run++;
      }
    }
    code(257);
    if (bits > 0) data.push(acc & 255);
    for (let i = 0; i < data.length; i += 255) {
      const block = data.slice(i, i + 255);
      out.push(block.length, ...block);
    }
    out.push(0);
  }
  out.push(0x3b);
  return new Uint8Array(out);
}

/** Canonical Huffman codes from a JPEG DHT description. */
function huffman(counts: readonly number[], symbols: readonly number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < counts[length - 1]!; i++) codes.set(symbols[k++]!, [code++, length]);
    code <<= 1;
  }
  return codes;
}

const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** One AC symbol only: end-of-block, code `0`. */
const AC_COUNTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * A baseline JPEG (4:4:4, one flat colour per 8×8 block: only DC coefficients) of a sky, a sun
 * and hills in the hue given. Tiny and valid; used where no canvas can draw a real photo.
 * `width` and `height` are rounded up to multiples of 8.
 */
export function makeJpeg(width: number, height: number, hue: number): Uint8Array<ArrayBuffer> {
  const w = Math.ceil(width / 8) * 8;
  const h = Math.ceil(height / 8) * 8;
  const out: number[] = [0xff, 0xd8];
  const segment = (marker: number, payload: readonly number[]) =>
    out.push(0xff, marker, (payload.length + 2) >>> 8, (payload.length + 2) & 255, ...payload);
  segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  segment(0xdb, [0, ...new Array<number>(64).fill(8)]);
  segment(0xc0, [8, h >>> 8, h & 255, w >>> 8, w & 255, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  segment(0xc4, [0x00, ...DC_COUNTS, ...DC_SYMBOLS]);
  segment(0xc4, [0x10, ...AC_COUNTS, 0x00]);
  segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  const dc = huffman(DC_COUNTS, DC_SYMBOLS);
  let acc = 0;
  let bits = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >>> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0);
        acc = 0;
        bits = 0;
      }
    }
  };
  const [skyR, skyG, skyB] = hsl(hue, 0.55, 0.7);
  const [hillR, hillG, hillB] = hsl((hue + 120) % 360, 0.45, 0.35);
  const predictions = [0, 0, 0];
  for (let by = 0; by < h / 8; by++) {
    for (let bx = 0; bx < w / 8; bx++) {
      const x = (bx * 8 + 4) / w;
      const y = (by * 8 + 4) / h;
      const hill = y > 0.62 + 0.08 * Math.sin(x * 7 + hue);
      const sun = (x - 0.72) ** 2 + ((y - 0.3) * (h / w)) ** 2 < 0.012;
      const shade = 1 - y * 0.35;
      const [r, g, b] = sun
        ? [250, 220, 120]
        : hill
          ? [hillR * (1.2 - y * 0.4), hillG * (1.2 - y * 0.4), hillB * (1.2 - y * 0.4)]
          : [skyR * shade, skyG * shade, skyB * shade];
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      for (let c = 0; c < 3; c++) {
        // With all AC coefficients zero and a quantiser of 8, the quantised DC is the mean - 128.
        const value = Math.max(-128, Math.min(127, Math.round(ycc[c]! - 128)));
        const diff = value - predictions[c]!;
        predictions[c] = value;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const [code, length] = dc.get(size)!;
        put(code, length);
        if (size) put(diff > 0 ? diff : diff + (1 << size) - 1, size);
        put(0, 1); // end of block
      }
    }
  }
  if (bits > 0) put(0xff, 8 - bits);
  out.push(0xff, 0xd9);
  return new Uint8Array(out);
}

/** A one-page PDF with a line of text. */
export function makePdf(title: string): Uint8Array<ArrayBuffer> {
  const text = title.replace(/[()\\]/g, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** A mono 8 kHz, 8-bit WAV of a soft two-note tone. */
export function makeWav(seconds: number): Uint8Array<ArrayBuffer> {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const out = new Uint8Array(44 + samples);
  const view = new DataView(out.buffer);
  const ascii = (o: number, s: string) => [...s].forEach((c, i) => view.setUint8(o + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) {
    const f = i < samples / 2 ? 440 : 660;
    const envelope = Math.min(1, i / 400, (samples - i) / 400);
    out[44 + i] = 128 + Math.round(Math.sin((2 * Math.PI * f * i) / rate) * 40 * envelope);
  }
  return out;
}
