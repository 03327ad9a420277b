/** The parse stage: text → mdast, plus the front matter of Markdown articles. */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError } from '../errors.js';
import type { Source } from '../read/index.js';
import { checkMarkdownSource, checkTreeDepth } from './limits.js';
import { parseScrape } from './scrape.js';

/** An article's tree and, for Markdown, its front matter as plain data. */
export interface ParsedArticle {
  tree: Root;
  frontMatter: Record<string, unknown>;
}

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Parses a source into mdast: Markdown with remark, a scrape literally line by line; a web page is parsed by the extractor's DOM. */
export function parseArticle(source: Source): ParsedArticle {
  if (source.kind === 'html') return { tree: { type: 'root', children: [] }, frontMatter: {} };
  if (source.kind === 'scrape') return { tree: parseScrape(source.text), frontMatter: {} };
  checkMarkdownSource(source.text, source.file);
  const tree = markdown.parse(source.text);
  checkTreeDepth(tree, source.file);
  const first = tree.children[0];
  if (first?.type !== 'yaml') return { tree, frontMatter: {} };
  tree.children.shift();
  return { tree, frontMatter: parseFrontMatter(first.value, source.file) };
}

function parseFrontMatter(value: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(value, { maxAliasCount: 50 });
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? `:${cause.linePos[0].line + 1}:${cause.linePos[0].col}` : '';
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : 'invalid YAML';
    throw new InputError(`${file}${where}: front matter is not valid YAML (${reason})`, { file, cause });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${file}: front matter must be a YAML mapping (key: value lines)`, { file });
  }
  return data as Record<string, unknown>;
}
