/**
 * A saved page as a DOM, bounded before anything else touches it. linkedom builds the DOM: it
 * runs no script and fetches nothing (it has no network or script engine), and under
 * Readability it gives the same article as jsdom at a tenth of the time and memory (measured on
 * the news-pages dataset: ../shared/notes/extraction.md §2, 24.7 vs 219.5 ms a page).
 */
import { parseHTML } from 'linkedom';
import { InputError } from '../../errors.js';

/** Deepest element nesting accepted. Real news pages nest at most about 50 deep; Readability's time grows steeply past a few hundred (1,000 levels: 14 s), and its recursion overflows the stack past a few thousand. */
export const MAX_HTML_DEPTH = 160;
/** Most elements accepted in one page: real pages hold a few thousand. */
export const MAX_HTML_ELEMENTS = 100_000;
/** Open tags counted in the raw text before parsing: a page nested this deep is refused without building its DOM (100,000 levels take linkedom 9 s). */
const MAX_RAW_DEPTH = 4_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Parses a saved page into a DOM, refusing pages nested too deep or too large to extract safely. */
export function parsePage(html: string, file: string): Document {
  if (rawDepth(html) > MAX_RAW_DEPTH) throw tooDeep(file);
  const { document } = parseHTML(html) as unknown as { document: Document };
  let elements = 0;
  const stack: Array<[Element, number]> = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    if (depth > MAX_HTML_DEPTH) throw tooDeep(file);
    if (++elements > MAX_HTML_ELEMENTS) throw new InputError(`${file}: more than ${MAX_HTML_ELEMENTS} HTML elements; not a page Galley will extract an article from`, { file });
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return document;
}

function tooDeep(file: string): InputError {
  return new InputError(`${file}: HTML nested more than ${MAX_HTML_DEPTH} elements deep; not a page Galley will extract an article from`, { file });
}

/** An upper bound on nesting from the tags as written (unclosed `<p>`s count too), without parsing. */
function rawDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (VOID.has(name) || match[3]) continue;
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}
