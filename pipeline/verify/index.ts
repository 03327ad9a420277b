/**
 * The fidelity self-check: after a build, both books are read back (the EPUB's XHTML as a
 * reading system parses it, the PDF's text as poppler or pdf.js extracts it) and every word of each
 * source must be found in each book, or among the lines the build reported dropping. Words are
 * compared as multisets after normalisation (see words.ts), so a word lost from one paragraph
 * is noticed even when it occurs elsewhere too.
 */
import { readSource } from '../read/index.js';
import type { Diagnostic } from '../types.js';
import { readEpubText } from './read-epub.js';
import { readPdfText, type TextBand } from './read-pdf.js';
import { sourceText } from './source-words.js';
import { bagOf, joinHyphenatedLines, subtract, words, type WordBag } from './words.js';

export { readEpubText } from './read-epub.js';
export { readPdfText } from './read-pdf.js';
export { words } from './words.js';

/**
 * Words at least this long may be broken across lines without a hyphen (an emergency break
 * in the PDF); such a word counts as present when its letters run on across the line ends.
 */
const MIN_BREAKABLE_WORD = 20;

/** How many missing words a message names before it says "and N more". */
const MAX_NAMED_WORDS = 8;

/** What the check needs: the article files, everything the build said, and the books it made. */
export interface FidelityInput {
  files: string[];
  /** The text each file's books must keep, when the build already has it (a web page's article); otherwise the file is read again. */
  texts?: Record<string, string>;
  /** All diagnostics of the build; those with `text` are the dropped lines, `pdf-missing-glyph` names what print could not show. */
  diagnostics: Diagnostic[];
  epub?: Uint8Array;
  pdf?: Uint8Array;
  /** Where the PDF's body text lies on its pages (see ReadPdfOptions). */
  pdfTextBand?: TextBand;
}

/** Reads the books back and returns one `fidelity` error per article and book that lost words (none when all is there), and warnings for words print cannot verify. */
export async function verifyFidelity(input: FidelityInput): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const books: Array<{ name: string; bag: WordBag; unprintable: Set<string>; runOn?: string }> = [];
  if (input.epub) {
    try {
      const documents = await readEpubText(input.epub);
      books.push({ name: 'EPUB', bag: bagOf(words(documents.map((doc) => doc.text).join('\n'))), unprintable: new Set() });
    } catch (error) {
      problems.push(failure(input.files[0] ?? '', `the EPUB cannot be read back (${oneLine(error)})`));
    }
  }
  const needed = new Map<string, WordBag>();
  for (const file of input.files) {
    const dropped = input.diagnostics.filter((d) => d.file === file && d.text !== undefined).map((d) => d.text!);
    const text = input.texts?.[file] ?? sourceText(await readSource(file));
    needed.set(file, subtract(bagOf(words(text)), bagOf(words(dropped.join('\n')))));
  }
  if (input.pdf) {
    // A line end after a hyphen or dash is inside a word only when the source has the joined word.
    const isSourceWord = (word: string): boolean => [...needed.values()].some((wanted) => wanted.has(word));
    try {
      const text = joinHyphenatedLines((await readPdfText(input.pdf, input.pdfTextBand ? { band: input.pdfTextBand } : {})).join('\n'), isSourceWord);
      const bag = bagOf(words(text));
      let runOn = words(text).join('');
      // Text extraction guesses where words end from the gaps between glyphs, and poppler and
      // pdf.js guess differently (poppler reads a line of evenly spaced one-letter words as one
      // word). When the first reading lacks words, pdf.js reads too, and each word counts as
      // often as the reading that found it more often.
      if ([...needed.values()].some((wanted) => subtract(wanted, bag).size > 0)) {
        const second = joinHyphenatedLines((await readPdfText(input.pdf, { reader: 'pdfjs' })).join('\n'), isSourceWord);
        for (const [word, count] of bagOf(words(second))) bag.set(word, Math.max(count, bag.get(word) ?? 0));
        runOn += words(second).join('');
      }
      books.push({ name: 'PDF', bag, unprintable: unprintableCharacters(input.diagnostics), runOn });
    } catch (error) {
      problems.push(failure(input.files[0] ?? '', `the PDF cannot be read back (${oneLine(error)})`));
    }
  }
  for (const file of input.files) {
    for (const book of books) {
      const missing = subtract(needed.get(file)!, book.bag);
      // Words holding a character no font could print were already reported by the PDF renderer.
      for (const word of missing.keys()) {
        if ([...word].some((char) => book.unprintable.has(char))) missing.delete(word);
        else if (book.runOn !== undefined && word.length >= MIN_BREAKABLE_WORD && book.runOn.includes(word)) missing.delete(word);
      }
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
