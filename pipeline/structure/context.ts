/** What the structure plugins share: the rules from the template and the vfile they report to. */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { SourceKind } from '../read/index.js';
import type { ArticleMeta } from '../types.js';

/** Recognition rules for scraped pages, kept as data in the template. */
export interface ScrapeRules {
  /** Patterns (case-insensitive) a whole line must match to be dropped as web boilerplate. */
  boilerplate: string[];
  /** Longest ALL-CAPS line, in words, taken as a section heading. */
  headingMaxWords: number;
  /** Patterns whose first group is a photo credit at the end of a caption. */
  creditPatterns: string[];
  /** Longest line, in words, taken as a wire-photo slug line above a caption. */
  slugMaxWords: number;
  /** Photo agencies and wire services, whose name after a photographer's makes a line a photo credit, and the particles of names ("von"). */
  creditLines: { agencies: string[]; nameParticles: string[] };
}

declare module 'vfile' {
  interface DataMap {
    kind: SourceKind;
    frontMatter: Record<string, unknown>;
    meta: Partial<ArticleMeta>;
  }
}

/** Reports a line the article loses, so nothing disappears silently. */
export function reportDropped(file: VFile, node: RootContent, rule: string, why: string): void {
  const text = toString(node);
  const message = file.info(`dropped ${why}: "${text}"`, { place: node.position, ruleId: rule, source: 'galley' });
  message.actual = text;
}

/** The plain text of a paragraph when it is only text (no links or emphasis), else undefined. */
export function plainParagraphText(node: RootContent): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  return node.children.every((child) => child.type === 'text') ? toString(node).trim() : undefined;
}

/** A paragraph holding one text node, with the position of the original. */
export function textParagraph(value: string, like: Paragraph): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }], position: like.position };
}

/** Splits the phrasing content of a node at a character offset of its text (for captions and credits). */
export function splitPhrasing(children: PhrasingContent[], at: number): [PhrasingContent[], PhrasingContent[]] {
  const before: PhrasingContent[] = [];
  const after: PhrasingContent[] = [];
  let seen = 0;
  for (const child of children) {
    const length = toString(child).length;
    if (seen + length <= at) before.push(child);
    else if (seen >= at) after.push(child);
    else if (child.type === 'text') {
      before.push({ type: 'text', value: child.value.slice(0, at - seen) });
      after.push({ type: 'text', value: child.value.slice(at - seen) });
    } else after.push(child);
    seen += length;
  }
  return [before, after];
}

/** Word count by whitespace, as editors count. */
export function wordCount(text: string): number {
  if (!UNSPACED_SCRIPT.test(text)) return text.split(/\s+/).filter(Boolean).length;
  let words = 0;
  for (const segment of WORDS.segment(text)) if (segment.isWordLike) words++;
  return words;
}

/** Scripts written without spaces between words: a Chinese paragraph is one "word" between spaces. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** ICU's word breaks (dictionary-based for those scripts), which Node carries. */
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Removes top-level children for which `drop` returns true, keeping the rest in order. */
export function filterRoot(tree: Root, keep: (node: RootContent, index: number) => boolean): void {
  tree.children = tree.children.filter(keep);
}
