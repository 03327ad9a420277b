import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { ace, editionFromFile, epubcheck, SEED, text, unzip } from './helpers.js';

/** A copy of the book with one file changed, re-zipped with the mimetype first and stored. */
async function tampered(bytes: Uint8Array, path: string, change: (source: string) => string): Promise<Uint8Array> {
  const zip = await unzip(bytes);
  const out = new JSZip();
  out.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  for (const [name, file] of Object.entries(zip.files)) {
    if (name === 'mimetype' || file.dir) continue;
    out.file(name, name === path ? change(await text(zip, name)) : await file.async('uint8array'));
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

// The checks above pass only if these tools really look: each must catch a planted fault.
describe('the checkers catch what they are there for', () => {
  it('EPUBCheck reports a script in a content document', async () => {
    const bytes = await tampered(await renderEpub(await editionFromFile(SEED)), 'OEBPS/chapter-1.xhtml', (source) => source.replace('</h1>', '</h1><script>alert(1)</script>'));
    const messages = await epubcheck(bytes);
    expect(messages.some((message) => message.severity === 'ERROR')).toBe(true);
  });

  it('Ace reports missing accessibility metadata and language', async () => {
    const bytes = await tampered(await renderEpub(await editionFromFile(SEED)), 'OEBPS/content.opf', (source) =>
      source.replace(/<meta property="schema:[^>]*>[^<]*<\/meta>\n/g, '').replace(' xml:lang="en"', ''),
    );
    const result = await ace(bytes);
    expect(result.outcome).toBe('fail');
    expect(result.violations.map((violation) => violation.rule)).toEqual(expect.arrayContaining(['metadata-accessmode']));
  });
});
