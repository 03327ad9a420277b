/**
 * A saved web page → the article it carries. Readability (Mozilla's reader view) finds the main
 * text on a linkedom DOM; the page's JSON-LD, OpenGraph and meta tags give its metadata; the
 * clean-up rules then take out what Readability keeps of the page around the article (share
 * lines, promos, link lists, datelines) and the result becomes mdast for the rest of the flow.
 */
import type { Element as HastElement, Root as HastRoot } from 'hast';
import { fromDom } from 'hast-util-from-dom';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ArticleMeta, Diagnostic } from '../../types.js';
import type { ExtractRules } from '../rules.js';
import { cleanArticleHtml } from './clean.js';
import { parsePage } from './dom.js';
import { markClassHeadings } from './headings.js';
import { COPYRIGHT_LINE, pageMetadata, USER_NAME } from './metadata.js';
import { PageReadability } from './readability.js';
import { articleToMdast } from './to-mdast.js';
import { normaliseDate } from '../dates.js';
import { parseByline } from '../byline.js';
import { treeText } from '../../verify/source-words.js';
import { plausibleLanguage } from '../../structure/language.js';

/** What the HTML extractor found: the article tree, its metadata and the words it started from. */
export interface ExtractedHtml {
  tree: Root;
  meta: Partial<ArticleMeta>;
  /** The article's own text as extracted, which the books must keep (the page's other text is not the article's). */
  text: string;
  diagnostics: Diagnostic[];
}

/** Extracts the article from a saved page. */
export function extractHtml(html: string, file: string, rules: ExtractRules): ExtractedHtml {
  const { document, index } = parsePage(html, file);
  const page = pageMetadata(document, html, index);
  const diagnostics: Diagnostic[] = [];
  markClassHeadings(index.headingLike, rules.headingMaxWords);
  // The article's root element itself, not its HTML: turned into hast straight from the DOM
  // rather than serialised and parsed again (which took a sixth of extraction's time).
  // A retry starts again from the page as Readability first had it: parsed and marked the same way.
  const reparse = (): Document => {
    const again = parsePage(html, file);
    markClassHeadings(again.index.headingLike, rules.headingMaxWords);
    return again.document;
  };
  const found = new PageReadability(document, reparse).parse();
  const content = articleHast(found?.content ?? document.body);
  // The first language the page declares that its article can be in (its script, and franc's judgement on
  // a long text): a template's lang="en" left on a Russian page gives way to its og:locale, or to detection (structure).
  const declared = [...page.langs, found?.lang ?? ''].flatMap((tag) => validLanguage(tag) ?? []);
  const articleText = found?.textContent ?? '';
  const lang = declared.find((tag) => plausibleLanguage(tag, articleText));
  if (declared.length && !lang)
    diagnostics.push({
      severity: 'info',
      rule: 'implausible-language',
      message: `the page declares its language as "${declared.join('", "')}", which its text is not written in; the language is detected instead`,
      file,
    });
  const cleaned = cleanArticleHtml(content, rules, lang ?? rules.defaultLang, page.url);
  for (const url of cleaned.remoteImages)
    diagnostics.push({ severity: 'info', rule: 'remote-image', message: `left out a picture the page loads from the web (never fetched): ${url}`, file });
  for (const drop of cleaned.dropped) diagnostics.push({ severity: 'info', rule: drop.rule, message: `dropped ${drop.why}: "${drop.text}"`, file, text: drop.text });
  const meta: Partial<ArticleMeta> = {};
  const pageTitle = plain(found?.title) ?? plain(page.title);
  const title = visibleHeadline(pageTitle, plain(page.heading)) ?? plain(page.heading);
  if (title) meta.title = title;
  if (pageTitle && title && pageTitle !== title) meta.declaredTitle = pageTitle;
  const authors = page.authors.length ? page.authors : found?.byline && !USER_NAME.test(found.byline.trim()) ? [found.byline] : cleaned.byline ? [cleaned.byline] : [];
  const byline = authors.flatMap((author) => parseByline(author, rules, lang ?? rules.defaultLang, { prefixOptional: true }) ?? []);
  if (byline.length) meta.byline = [...new Set(byline)];
  const dateText = page.published ?? plain(found?.publishedTime) ?? cleaned.dateline;
  if (dateText) {
    const date = normaliseDate(dateText, lang ?? rules.defaultLang);
    if (date) meta.date = date;
    else diagnostics.push({ severity: 'warning', rule: 'unreadable-date', message: `the page's date "${dateText}" could not be read as a date; the books give none`, file });
  }
  const publisher = plain(page.publisher) ?? plain(found?.siteName);
  if (publisher) meta.publisher = publisher;
  if (lang) meta.lang = lang;
  if (page.description) meta.description = page.description;
  if (page.url && /^https?:\/\//i.test(page.url)) meta.source = page.url;
  if (!found) diagnostics.push({ severity: 'warning', rule: 'no-article-found', message: 'Readability found no article in the page; its whole text is used', file });
  const tree = articleToMdast(cleaned.tree, rules);
  // A heading element holding a sentence ("CHINA has sent troops to Hong Kong … into chaos.", a standfirst
  // set as an <h3>) heads nothing: at the article's top it is the deck, set under the headline; elsewhere a paragraph.
  tree.children = tree.children.flatMap((node, index) => {
    if (node.type !== 'heading' || node.depth === 1 || !isSentence(toString(node), rules.headingMaxWords)) return [node];
    const first = tree.children.slice(0, index).every((before) => before.type === 'heading' && before.depth === 1);
    if (first && !meta.subtitle) {
      meta.subtitle = toString(node).replace(/\s+/g, ' ').trim();
      return [];
    }
    return [{ type: 'paragraph' as const, children: node.children, ...(node.position ? { position: node.position } : {}) }];
  });
  // A heading the article ends on has nothing under it: its section was furniture the clean-up took
  // out ("Featured", "More Business News", "Tell us what YOU think..."), so it goes too.
  // So does a label that introduces nothing ("More about:", its tags taken out).
  const opensNothing = (node: RootContent | undefined): boolean =>
    node?.type === 'heading' || (node !== undefined && /[:：]$/u.test(toString(node).trim()) && toString(node).trim().split(/\s+/).length <= MAX_LABEL_WORDS);
  for (let last = tree.children.at(-1); opensNothing(last) && tree.children.length > 1; last = tree.children.at(-1)) {
    tree.children.pop();
    const text = toString(last!);
    diagnostics.push({ severity: 'info', rule: 'dropped-empty-heading', message: `dropped a heading or label the article ends on, with nothing under it: "${text}"`, file, text });
  }
  // The notice is outside the article in a page's footer; structure cleans it and sets it last.
  if (page.notice && !tree.children.some((node) => node.type === 'paragraph' && COPYRIGHT_LINE.test(toString(node)))) {
    tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: page.notice }] });
  }
  return { tree, meta, text: treeText(tree), diagnostics };
}

/** The children of the article's root element as a hast root; element names lower-cased (Readability's own wrappers are written `DIV`). */
function articleHast(element: Element | null | undefined): HastRoot {
  if (!element) return { type: 'root', children: [] };
  const tree = fromDom(element) as HastElement;
  return { type: 'root', children: tree.children };
}

/** Most words of a label ending in a colon ("More about:", "Tags:") that the article may end on with nothing after it. */
const MAX_LABEL_WORDS = 4;

/** A heading's text that is a sentence: more words than a heading has, ending as a sentence does. */
function isSentence(text: string, headingMaxWords: number): boolean {
  return text.trim().split(/\s+/).length > headingMaxWords && /[.!?。！？]["”’»]?$/u.test(text.trim());
}

/** Metadata is plain text: entities decoded once by the parser, tags (`<em>`) taken out, spaces collapsed. */
function plain(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.includes('<') ? toText(fromHtml(value, { fragment: true })) : value;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

/** A BCP 47 tag the page declares, canonicalised, or undefined when it is not one. */
function validLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** Separators a page's title puts between its headline and the site's name ("Headline - Site | Section"); not a colon, which a headline has of its own ("Black Friday: the deals" under an h1 "Black Friday"). */
const SITE_SEPARATOR = /^\s*[-|–—·•»_]\s*\S/u;

/**
 * The headline the reader saw: a metadata title that is the page's own `<h1>` with the site's
 * name after a separator ("Black Friday per nostalgici … - Remember 80/90 - Memorabilia anni
 * 80/90", "商品の改造が商標法違反に！？ - 特許業務法人…") is that `<h1>`; any other title is kept.
 */
function visibleHeadline(title: string | undefined, heading: string | undefined): string | undefined {
  if (!title || !heading || title.length <= heading.length || !title.startsWith(heading)) return title;
  return SITE_SEPARATOR.test(title.slice(heading.length)) ? heading : title;
}
