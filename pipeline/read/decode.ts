/** Bytes → text, strictly: UTF-8 (or UTF-16 announced by a BOM), never a silent guess. */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import type { Diagnostic } from '../types.js';

/** How much of the start of a file is looked at to tell text from binary. */
const BINARY_SAMPLE_BYTES = 8192;

/** Bytes Windows-1252 leaves undefined: a file holding one of them is not cp1252 either. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * What Windows-1252 puts at 0x80–0x9F (undefined bytes as U+FFFD, refused before use); above
 * that it is Latin-1. Spelled out because Node built with small ICU decodes "windows-1252" as
 * Latin-1, turning curly quotes into C1 controls.
 */
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

/** Text decoded from an article's bytes, with a warning when it was not UTF-8. */
export interface Decoded {
  text: string;
  diagnostics: Diagnostic[];
}

/**
 * Decodes an article's bytes, refusing binary files and invalid UTF-8 with the byte offset;
 * Windows-1252 is accepted, with a warning, only when no byte of the file could be UTF-8.
 */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeWith('utf-16le', bytes.subarray(2), file), diagnostics: [] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeWith('utf-16be', bytes.subarray(2), file), diagnostics: [] };
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (looksLikeUtf16WithoutBom(body)) {
    throw new InputError(`${file}: looks like UTF-16 without a byte-order mark; save the file as UTF-8`, { file });
  }
  if (looksBinary(body)) throw new InputError(`${file}: binary file, not an article (a binary file signature, NUL or control bytes near the start)`, { file });
  // Node's native check first: walking the bytes in JavaScript to find the offset took longer than decoding.
  const offset = isUtf8(body) ? -1 : firstInvalidUtf8(body);
  if (offset < 0) return { text: decodeWith('utf-8', body, file), diagnostics: [] };
  // A BOM promised UTF-8, and a single valid multi-byte sequence means some of the file is UTF-8:
  // guessing Windows-1252 then would turn that part into mojibake.
  if (!hasBom && isUnambiguousCp1252(body)) {
    return {
      text: decodeCp1252(body),
      diagnostics: [
        {
          severity: 'warning',
          rule: 'decoded-windows-1252',
          message: `not UTF-8 at byte ${offset}; read as Windows-1252 instead (save the file as UTF-8 to be sure)`,
          file,
        },
      ],
    };
  }
  throw new InputError(`${file}: not valid UTF-8 at byte ${offset}; save the file as UTF-8`, { file });
}

/** File signatures of formats that are never article text, even when they start with printable bytes (`%PDF-`). */
const BINARY_SIGNATURES: number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // ZIP: .docx, .epub, .odt
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0xd0, 0xcf, 0x11, 0xe0], // OLE: .doc, .xls
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

/** Share of control bytes above which a file is binary; below it, stray controls are removed from text (cleanText). */
const BINARY_CONTROL_SHARE = 0.1;

/**
 * Binary: a known file signature, two NULs in a row (text never has them; UTF-16 is caught
 * before), or more than a tenth of the sample in control bytes. A stray bell, escape, vertical
 * tab, form feed or NUL in otherwise normal text is not binary: it is removed and reported.
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) return true;
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte === 0 && sample[i + 1] === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  return sample.length > 0 && controls / sample.length > BINARY_CONTROL_SHARE;
}

/** ASCII text saved as UTF-16 has a NUL in every other byte; say so rather than "binary". */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES & ~1);
  if (sample.length < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenNuls++ : oddNuls++;
  const pairs = sample.length / 2;
  return (evenNuls > pairs * 0.8 && oddNuls === 0) || (oddNuls > pairs * 0.8 && evenNuls === 0);
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

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
  }
  // Overlong forms and surrogates look like sequences but TextDecoder refuses them.
  const second = bytes[i + 1]!;
  if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return 0;
  return need + 1;
}

/** Finds the offset of the first byte that breaks UTF-8, for an error message an editor can act on. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** True when every non-ASCII byte is a defined cp1252 character and none of them forms a UTF-8 sequence. */
function isUnambiguousCp1252(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (CP1252_UNDEFINED.has(b) || utf8SequenceLength(bytes, i) > 1) return false;
  }
  return true;
}

function decodeCp1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return text;
}
