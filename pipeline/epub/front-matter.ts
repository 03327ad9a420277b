/**
 * The title page and the copyright page, made from the edition's metadata; their look lives in
 * the template's stylesheet through the class names used here.
 */
import type { ElementContent, Root } from 'hast';
import type { EditionMeta } from '../types.js';
import { section } from './chapter-body.js';
import { isSafeLink } from './safe-url.js';
import { sanitize } from './sanitize.js';
import { serialize } from './serialize.js';

function element(tagName: string, className: string, children: ElementContent[]): ElementContent {
  return { type: 'element', tagName, properties: { className: [className] }, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** Where and when an article first appeared, as far as the article says. */
export interface FirstAppearance {
  title: string;
  publisher?: string;
  date?: string;
}

/** Renders the title page body: headline, subtitle, byline, and the publication the article comes from when it names one. */
export function renderTitlePage(meta: EditionMeta, original?: FirstAppearance): string {
  const children: ElementContent[] = [element('h1', 'title', [text(meta.title)])];
  if (meta.subtitle) children.push(element('p', 'subtitle', [text(meta.subtitle)]));
  if (meta.byline && meta.byline.length > 0) children.push(element('p', 'byline', [text(meta.byline.join(', '))]));
  if (original?.publisher) children.push(element('p', 'publisher', [text(original.publisher)]));
  return serialize(sanitize(section('titlepage', undefined, 'titlepage', children)));
}

/**
 * "Originally published in The Courier on May 14, 2024.": what is true of an article, said only
 * as far as the article says it (no publisher or date is invented); undefined when it says neither.
 * With `named`, the article's title leads ("“Cranes return” was originally published …"), for collections.
 */
export function originallyPublished(original: FirstAppearance, named = false): string | undefined {
  const when = original.date ? publicationDate(original.date) : undefined;
  if (!original.publisher && !when) return undefined;
  const place = original.publisher ? ` in ${original.publisher}` : '';
  return `${named ? `“${original.title}” was originally` : 'Originally'} published${place}${when ? ` ${when}` : ''}.`;
}

/** "on May 14, 2024", "in May 2024" or "in 2023", from an ISO 8601 date; the date as given when it is not one. */
function publicationDate(date: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!match) return `on ${date}`;
  const [, year, month, day] = match;
  if (!month) return `in ${year}`;
  const at = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1)));
  if (Number.isNaN(at.getTime())) return `on ${date}`;
  const options: Intl.DateTimeFormatOptions = day ? { dateStyle: 'long', timeZone: 'UTC' } : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return `${day ? 'on' : 'in'} ${new Intl.DateTimeFormat('en-US', options).format(at)}`;
}

/** Renders the copyright page body: notice, where each article first appeared, source, page numbers and identifier. */
export function renderCopyrightPage(meta: EditionMeta, printEdition: string | undefined, originals: FirstAppearance[] = []): string {
  const children: ElementContent[] = [element('h1', 'copyright-page-title', [text('Copyright')])];
  if (meta.rights) children.push(element('p', 'copyright', [text(meta.rights)]));
  for (const original of originals) {
    const sentence = originallyPublished(original, originals.length > 1);
    if (sentence) children.push(element('p', 'first-appearance', [text(sentence)]));
  }
  if (meta.source) {
    const source: ElementContent = isSafeLink(meta.source)
      ? { type: 'element', tagName: 'a', properties: { href: meta.source }, children: [text(meta.source)] }
      : text(meta.source);
    children.push(element('p', 'source', [text('Source: '), source]));
  }
  if (printEdition) children.push(element('p', 'print-edition', [text(`Page numbers follow ${printEdition}.`)]));
  children.push(element('p', 'identifier', [text(`Identifier: ${meta.identifier}`)]));
  return serialize(sanitize(section('copyright-page', undefined, 'copyright-page', children)));
}
