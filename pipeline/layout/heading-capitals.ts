/**
 * Headings written all in capitals (a scrape's section lines: "AMID HEZBOLLAH CONCERNS") set in
 * title case, for templates that ask for it: capitals are harder to read, since every word has
 * the same rectangular shape (RNIB Clear Print; APH Guidelines for Print Document Design).
 * Title case rather than sentence case, because without a dictionary the names in a line of
 * capitals cannot be told from the other words, and a name must keep its capital.
 */
import type { Heading, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Fewest cased letters for a heading to count as written in capitals ("UN" or "AP" alone stay as they are). */
const MIN_CASED_LETTERS = 4;

/** Whether every cased letter of the text is a capital, and there are enough of them to be more than an acronym. */
export function isAllCapitals(text: string): boolean {
  const cased = (text.match(/\p{L}/gu) ?? []).filter((letter) => letter.toLowerCase() !== letter.toUpperCase());
  return cased.length >= MIN_CASED_LETTERS && cased.every((letter) => letter === letter.toUpperCase());
}

/**
 * Title case, one code unit for one: each word keeps its first letter and the rest are made small;
 * abbreviations with points ("U.S.") stay as they are. A letter whose small form is longer (İ) is
 * kept, so offsets into the text (page starts) are unchanged.
 */
export function titleCase(text: string, atWordStart = true): string {
  let out = '';
  let start = atWordStart;
  for (const word of text.split(/(\s+)/u)) {
    if (/^\s+$/u.test(word) || word === '') {
      out += word;
      if (word) start = true;
      continue;
    }
    if (/\p{L}\.\p{L}/u.test(word)) {
      out += word;
    } else {
      let seenLetter = !start;
      for (const char of word) {
        const small = char.toLowerCase();
        const isLetter = /\p{L}/u.test(char);
        out += isLetter && seenLetter && small.length === char.length ? small : char;
        // Letters after a hyphen or slash start words of their own ("Pro-Hamas", "Israel/Gaza").
        if (isLetter || /\p{N}/u.test(char)) seenLetter = true;
        else if (/[-/‐–—]/u.test(char)) seenLetter = false;
      }
    }
    start = false;
  }
  return out;
}

/** The tree with every heading written in capitals set in title case; other nodes are shared, not copied. */
export function recaseCapitalHeadings(tree: Root): Root {
  let changed = false;
  const children = tree.children.map((node): RootContent => {
    if (node.type !== 'heading' || !isAllCapitals(toString(node))) return node;
    changed = true;
    return recaseHeading(node);
  });
  return changed ? { ...tree, children } : tree;
}

function recaseHeading(heading: Heading): Heading {
  // Word starts carry across text nodes ("WATCH *FOR*" is two words in two nodes).
  let atWordStart = true;
  const recase = <T extends { type: string }>(node: T): T => {
    if (node.type === 'text') {
      const text = node as unknown as Text;
      const value = titleCase(text.value, atWordStart);
      if (text.value.length > 0) atWordStart = /\s$/u.test(text.value);
      return { ...text, value } as unknown as T;
    }
    const children = (node as unknown as { children?: Array<{ type: string }> }).children;
    return children ? ({ ...node, children: children.map(recase) } as T) : node;
  };
  return recase(heading);
}
