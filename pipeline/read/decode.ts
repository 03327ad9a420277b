/** Bytes → text, strictly: UTF-8 (or UTF-16 announced by a BOM), never a silent guess. */
import { InputError } from '../errors.js';

/** Bytes that cannot start any text file we accept: a NUL, or most C0 controls in a row, means binary. */
const BINARY_SAMPLE_BYTES = 8192;

/** Decodes an article's bytes, refusing binary files and invalid UTF-8 with the byte offset. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), file);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2), file);
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) throw new InputError(`${file}: binary file, not an article (NUL or control bytes near the start)`, { file });
  return decodeWith('utf-8', body, file);
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return sample.length > 0 && controls / sample.length > 0.1;
}

function decodeWith(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    const offset = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : -1;
    const where = offset >= 0 ? ` at byte ${offset}` : '';
    throw new InputError(`${file}: not valid ${encoding.toUpperCase()}${where}; save the file as UTF-8`, { file, cause });
  }
}

/** Finds the offset of the first byte that breaks UTF-8, for an error message an editor can act on. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}
