/** The structure stage: mdast → Article, by one remark plugin per recognised thing. */
import { basename, extname } from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { InputError } from '../errors.js';
import type { ExtractedArticle } from '../extract/index.js';
import type { Source } from '../read/index.js';
import type { Article, ArticleMeta, Diagnostic } from '../types.js';
import type { ScrapeRules } from './context.js';
import { remarkBoilerplate } from './remark-boilerplate.js';
import { remarkCopyright } from './remark-copyright.js';
import { remarkFigure } from './remark-figure.js';
import { remarkFrontMatterMeta } from './remark-front-matter-meta.js';
import { remarkHeadline } from './remark-headline.js';
import { remarkRawHtml } from './remark-raw-html.js';
import { articleLanguage, directionOf, plausibleLanguage } from './language.js';
import { remarkScriptDirection } from './remark-script-direction.js';
import { remarkSectionHeading } from './remark-section-heading.js';
import { remarkTypography } from './remark-typography.js';
import { slugify } from './slug.js';

export type { ScrapeRules } from './context.js';

/** What the structure stage needs from the template. */
export interface StructureOptions {
  rules: ScrapeRules;
  /** Language assumed when the article does not say and detection is unsure. */
  defaultLang: string;
  /** Languages (BCP 47) the template is made for, preferred when detecting the language of a short text. */
  languages?: string[];
}

/** Recognises headline, figures, headings, notice and boilerplate, and completes the article's metadata. */
export function structureArticle(parsed: ExtractedArticle, source: Source, options: StructureOptions): Article {
  const file = new VFile({ path: source.file, data: { kind: source.kind, frontMatter: parsed.frontMatter, meta: { ...parsed.meta } } });
  const plausible = [...new Set([options.defaultLang, ...(options.languages ?? [])])];
  const processor = unified()
    .use(remarkFrontMatterMeta)
    .use(remarkRawHtml)
    .use(remarkBoilerplate, options.rules)
    .use(remarkHeadline)
    .use(remarkFigure, options.rules)
    .use(remarkSectionHeading, options.rules)
    .use(remarkCopyright)
    .use(remarkScriptDirection, plausible);
  const tree = processor.runSync(parsed.tree, file) as Root;
  const found = file.data.meta ?? {};
  if (!found.title) throw new InputError(`${source.file}: no headline found (nothing left after dropping boilerplate)`, { file: source.file });
  const body = tree.children
    .filter((node, index) => !(index === 0 && node.type === 'heading'))
    .map((node) => toString(node))
    .join(' ');
  if (!/[\p{L}\p{N}]/u.test(body)) throw new InputError(`${source.file}: only a headline, no article text`, { file: source.file });
  // The source's own language wins when its script is the text's; detection otherwise, which on a
  // short text prefers the template's languages (see language.ts).
  const lang = found.lang && plausibleLanguage(found.lang, body) ? found.lang : articleLanguage(body, options.defaultLang, plausible);
  // Quotation marks follow the language, which is known only now.
  remarkTypography({ lang })(tree);
  const stem = basename(source.file, extname(source.file));
  const meta: ArticleMeta = {
    ...found,
    title: found.title,
    slug: slugify(found.title, slugify(stem, 'article')),
    lang,
    dir: directionOf(lang),
    file: source.file,
  };
  const diagnostics: Diagnostic[] = [
    ...source.diagnostics,
    ...parsed.diagnostics,
    ...file.messages.map((message) => ({
      severity: message.fatal ? ('error' as const) : message.fatal === false ? ('warning' as const) : ('info' as const),
      rule: message.ruleId ?? 'structure',
      message: message.reason,
      file: source.file,
      ...(message.line ? { line: message.line } : {}),
      ...(message.column ? { column: message.column } : {}),
      ...(message.actual !== undefined ? { text: message.actual } : {}),
    })),
  ];
  return { meta, tree, diagnostics };
}
