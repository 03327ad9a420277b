import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import { MAX_SOURCE_BYTES, readSource } from '../../pipeline/read/index.js';

const folder = mkdtempSync(join(tmpdir(), 'galley-read-'));
let count = 0;
function file(bytes: Uint8Array | string, ext = '.txt'): string {
  const path = join(folder, `article-${++count}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

async function refusal(path: string): Promise<string> {
  const error = await readSource(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toContain(path);
  return message;
}

describe('reading hostile bytes', () => {
  it('reads UTF-8, with or without a BOM, as NFC', async () => {
    const decomposed = 'Cafe\u0301 society\n';
    const source = await readSource(file(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(decomposed)])));
    expect(source.text).toBe('Caf\u00e9 society\n');
    expect(source.diagnostics).toEqual([]);
  });

  it('reads UTF-16 announced by a BOM, both byte orders', async () => {
    const text = 'Привет, мир — שלום\n';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect((await readSource(file(le))).text).toBe(text);
    expect((await readSource(file(new Uint8Array([0xfe, 0xff, ...be])))).text).toBe(text);
  });

  it('says UTF-16 without a BOM is UTF-16, not binary', async () => {
    expect(await refusal(file(Buffer.from('Plain headline\nBody text here.\n', 'utf16le')))).toMatch(/UTF-16 without a byte-order mark/);
  });

  it('reads Windows-1252 with a warning when no byte could be UTF-8', async () => {
    // “Smart” quotes, an em dash, é and € as Word saves them in cp1252.
    const bytes = new Uint8Array([
      ...Buffer.from('Headline\n'),
      0x93,
      ...Buffer.from('Smart'),
      0x94,
      0x20,
      0x97,
      0x20,
      ...Buffer.from('caf'),
      0xe9,
      0x20,
      0x80,
      ...Buffer.from('5\n'),
    ]);
    const source = await readSource(file(bytes));
    expect(source.text).toBe('Headline\n\u201cSmart\u201d \u2014 caf\u00e9 \u20ac5\n');
    expect(source.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', rule: 'decoded-windows-1252' })]);
    expect(source.diagnostics[0]!.message).toMatch(/byte 9/);
  });

  it('refuses invalid bytes with their offset when the file also holds UTF-8', async () => {
    const bytes = new Uint8Array([...Buffer.from('Caf\u00e9 headline\n'), 0x93, ...Buffer.from('quoted\n')]);
    expect(await refusal(file(bytes))).toMatch(/not valid UTF-8 at byte 15/);
  });

  it('refuses bytes Windows-1252 does not define', async () => {
    expect(await refusal(file(new Uint8Array([...Buffer.from('Headline\nbad '), 0x81, 0x0a])))).toMatch(/not valid UTF-8 at byte 13/);
  });

  it('refuses UTF-8 announced by a BOM that then breaks', async () => {
    expect(await refusal(file(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Headline '), 0xe9, 0x0a])))).toMatch(/at byte 9/);
  });

  it('refuses overlong UTF-8 forms and encoded surrogates beside real UTF-8', async () => {
    expect(await refusal(file(new Uint8Array([...Buffer.from('Caf\u00e9 '), 0xc0, 0xaf, 0x0a])))).toMatch(/at byte 6/);
    expect(await refusal(file(new Uint8Array([...Buffer.from('Caf\u00e9 '), 0xed, 0xa0, 0x80, 0x0a])))).toMatch(/at byte 6/);
  });

  it('refuses a lone surrogate in UTF-16 rather than passing it on', async () => {
    expect(await refusal(file(new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x00, 0xd8, 0x0a, 0x00])))).toMatch(/not valid UTF-16LE/);
  });

  it('refuses binary files', async () => {
    expect(await refusal(file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toMatch(/binary/);
    expect(await refusal(file(new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 7) + 1)), '.md'))).toMatch(/binary/);
    expect(await refusal(file('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'))).toMatch(/binary/);
    expect(await refusal(file(new Uint8Array([...Buffer.from('Headline\n'), 0, 0, 0, 0, ...Buffer.from('body text of the article\n')])))).toMatch(/binary/);
  });

  it('reads normal text with a stray bell, escape sequence, vertical tab, form feed or NUL, removing each and saying where', async () => {
    const lines = [
      'A headline for the harbour story',
      'The cranes came back\u0007 to the quay on Monday.',
      '\u001b[1;31mWorkers\u001b[0m cheered from the customs house.',
      'The old\u000bsheds stay.',
      'Page two\u000c begins here.',
      'A stray\u0000 NUL from a bad copy.',
      'The end.',
    ];
    const source = await readSource(file(`${lines.join('\n')}\n`));
    expect(source.text).toBe(
      'A headline for the harbour story\nThe cranes came back to the quay on Monday.\nWorkers cheered from the customs house.\nThe old sheds stay.\nPage two  begins here.\nA stray NUL from a bad copy.\nThe end.\n',
    );
    expect(source.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 21, 'removed control character U+0007 (bell)'],
      [3, 1, 'removed terminal escape sequence ESC[1;31m'],
      [3, 15, 'removed terminal escape sequence ESC[0m'],
      [4, 8, 'replaced control character U+000B (vertical tab) by a space'],
      [5, 9, 'replaced control character U+000C (form feed) by a space'],
      [6, 8, 'removed control character U+0000 (NUL)'],
    ]);
  });

  it('refuses files over the size limit before reading them', async () => {
    expect(await refusal(file(new Uint8Array(MAX_SOURCE_BYTES + 1).fill(0x61)))).toMatch(/over the \d+-byte limit/);
  });

  it('refuses empty, whitespace-only and punctuation-only files', async () => {
    for (const text of ['', '   \n\t\n\r\n', '\u00a0\u2003\n', '...\n---\n* * *\n']) expect(await refusal(file(text))).toMatch(/no text to build/);
  });

  it('refuses unknown extensions and missing files', async () => {
    expect(await refusal(file('Headline\nBody.', '.docx'))).toMatch(/expected \.txt, \.html or \.md/);
    expect(await refusal(join(folder, 'missing.txt'))).toMatch(/cannot read \(ENOENT\)/);
  });

  it('removes XML-illegal characters and reports each with its place', async () => {
    const source = await readSource(file('Head\u0001line\r\nBody\u0008 text\u000b\uffff and\u007f done\r\n'));
    expect(source.text).toBe('Headline\nBody text  and done\n');
    expect(source.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ['removed-character', 1, 5],
      ['removed-character', 2, 5],
      ['removed-character', 2, 11],
      ['removed-character', 2, 12],
      ['removed-character', 2, 17],
    ]);
  });

  it('keeps tabs, form feeds stay removed, and CR-only line ends become LF', async () => {
    const source = await readSource(file('Headline\rBody\twith tab\r'));
    expect(source.text).toBe('Headline\nBody\twith tab\n');
  });
});
