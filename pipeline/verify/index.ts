/**
 * The fidelity self-check: after a build, both books are read back (the EPUB's XHTML as a
 * reading system parses it, the PDF's text as pdf.js extracts it) and every word of each
 * source must be found in each book, or among the lines the build reported dropping. Words are
 * compared as multisets after normalisation (see words.ts), so a word lost from one paragraph
 * is noticed even when it occurs elsewhere too.
 */
import { readSource } from '../read/index.js';
import type { Diagnostic } from '../types.js';
import { readEpubText } from './read-epub.js';
import { readPdfText } from './read-pdf.js';
import { sourceText } from './source-words.js';
import { bagOf, joinHyphenatedLines, missingFrom, subtract, words, type WordBag } from './words.js';

export { readEpubText } from './read-epub.js';
export { readPdfText } from './read-pdf.js';
export { words } from './words.js';

/** How many missing words a message names before it says "and N more". */
const MAX_NAMED_WORDS = 8;

/** What the check needs: the article files, everything the build said, and the books it made. */
export interface FidelityInput {
  files: string[];
  /** All diagnostics of the build; those with `text` are the dropped lines, `pdf-missing-glyph` names what print could not show. */
  diagnostics: Diagnostic[];
  epub?: Uint8Array;
  pdf?: Uint8Array;
}

/** Reads the books back and returns one `fidelity` error per article and book that lost words (empty when all is there). */
export async function verifyFidelity(input: FidelityInput): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const books: Array<{ name: string; bag: WordBag; unprintable: Set<string> }> = [];
  if (input.epub) {
    try {
      const documents = await readEpubText(input.epub);
      books.push({ name: 'EPUB', bag: bagOf(words(documents.map((doc) => doc.text).join('\n'))), unprintable: new Set() });
    } catch (error) {
      problems.push(failure(input.files[0] ?? '', `the EPUB cannot be read back (${oneLine(error)})`));
    }
  }
  if (input.pdf) {
    try {
      const pages = await readPdfText(input.pdf);
      books.push({ name: 'PDF', bag: bagOf(words(joinHyphenatedLines(pages.join('\n')))), unprintable: unprintableCharacters(input.diagnostics) });
    } catch (error) {
      problems.push(failure(input.files[0] ?? '', `the PDF cannot be read back (${oneLine(error)})`));
    }
  }
  for (const file of input.files) {
    const dropped = input.diagnostics.filter((d) => d.file === file && d.text !== undefined).map((d) => d.text!);
    const needed = subtract(bagOf(words(sourceText(await readSource(file)))), bagOf(words(dropped.join('\n'))));
    for (const book of books) {
      const missing = missingFrom(needed, book.bag);
      // Words holding a character no font could print were already reported by the PDF renderer.
      for (const word of missing.keys()) if ([...word].some((char) => book.unprintable.has(char))) missing.delete(word);
      if (missing.size) problems.push(failure(file, `the ${book.name} lacks ${describe(missing)} of the source`));
    }
  }
  return problems;
}

function failure(file: string, what: string): Diagnostic {
  return { severity: 'error', rule: 'fidelity', message: `fidelity check failed: ${what}`, file };
}

function describe(missing: WordBag): string {
  const entries = [...missing];
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const named = entries.slice(0, MAX_NAMED_WORDS).map(([word, count]) => `"${word}"${count > 1 ? ` ×${count}` : ''}`);
  const more = entries.length > MAX_NAMED_WORDS ? ` and ${entries.length - MAX_NAMED_WORDS} more` : '';
  return `${total} word${total === 1 ? '' : 's'} (${named.join(', ')}${more})`;
}

/** Characters the PDF renderer said no font has (its `pdf-missing-glyph` message names them as U+XXXX). */
function unprintableCharacters(diagnostics: Diagnostic[]): Set<string> {
  const chars = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.rule !== 'pdf-missing-glyph') continue;
    for (const match of diagnostic.message.matchAll(/U\+([0-9A-F]{4,6})/g)) {
      chars.add(String.fromCodePoint(parseInt(match[1]!, 16)).normalize('NFKC').toUpperCase().toLowerCase());
    }
  }
  return chars;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
