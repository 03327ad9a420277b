/**
 * Typography of prose: straight quotes and apostrophes become curly ones; a spaced hyphen or a
 * double hyphen becomes the dash the language sets; a hyphen between two numbers (a range,
 * "24-30", a score, "5-2") becomes an en dash. Code stays as typed.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** What a spaced dash is set as, by primary language subtag: news English takes a spaced em dash (AP style), the rest a spaced en dash. */
export const SPACED_DASH: Readonly<Record<string, string>> = { en: ' \u2014 ' };
/** A spaced en dash, what most European languages set between clauses. */
const SPACED_EN_DASH = ' \u2013 ';

/** How the plugin is set up: the language to assume when the article's front matter names none. */
export interface TypographyOptions {
  lang?: string;
}

/** A remark plugin setting quotes and dashes in text nodes (never in code). */
export function remarkTypography(options: TypographyOptions = {}) {
  return (tree: Root, file: VFile): void => {
    const meta = (file.data as { meta?: { lang?: string } }).meta;
    const lang = meta?.lang ?? options.lang ?? 'en';
    visit(tree, 'text', (node) => {
      node.value = setDashes(curlQuotes(node.value), lang);
    });
  };
}

/** Curls quotes by their neighbours: an opening quote follows a space, bracket or dash, or starts the text. */
export function curlQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{\u2014\u2013-])"/gu, '$1\u201C')
    .replace(/"/g, '\u201D')
    .replace(/(^|[\s([{\u2014\u2013-])'/gu, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/**
 * Dashes: " - " and " -- " become the language's spaced dash, "--" between words an em dash,
 * and a hyphen between two numbers an en dash, unless the numbers are part of a longer chain
 * (a date 2024-05-14, a telephone number 1-800-555-0100) or look like one (555-0100).
 */
export function setDashes(text: string, lang: string): string {
  const spaced = SPACED_DASH[lang.toLowerCase().split('-')[0] ?? ''] ?? SPACED_EN_DASH;
  return text
    .replace(/ +-{1,2} +/g, spaced)
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '\u2014')
    .replace(/(?<![\p{L}\p{N}\-/.,:])(\d{1,4})-(\d{1,4})(?![\p{L}\p{N}\-/:]|[.,]\d)/gu, (whole, from: string, to: string) =>
      from.length === 3 && to.length === 4 ? whole : `${from}\u2013${to}`,
    );
}
