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

/** Renders the title page body: headline, byline and publisher. */
export function renderTitlePage(meta: EditionMeta): string {
  const children: ElementContent[] = [element('h1', 'title', [text(meta.title)])];
  if (meta.byline && meta.byline.length > 0) children.push(element('p', 'byline', [text(meta.byline.join(', '))]));
  if (meta.publisher) children.push(element('p', 'publisher', [text(meta.publisher)]));
  return serialize(sanitize(section('titlepage', undefined, 'titlepage', children)));
}

/** Renders the copyright page body: notice, publisher, source, date and identifier. */
export function renderCopyrightPage(meta: EditionMeta, printEdition: string | undefined): string {
  const children: ElementContent[] = [
    element('h1', 'copyright-page-title', [text('Copyright')]),
  ];
  if (meta.rights) children.push(element('p', 'copyright', [text(meta.rights)]));
  if (meta.publisher) children.push(element('p', 'publisher', [text(`Published by ${meta.publisher}`)]));
  if (meta.source) {
    const source: ElementContent = isSafeLink(meta.source)
      ? { type: 'element', tagName: 'a', properties: { href: meta.source }, children: [text(meta.source)] }
      : text(meta.source);
    children.push(element('p', 'source', [text('Source: '), source]));
  }
  if (meta.date) children.push(element('p', 'date', [text(`First published ${meta.date}`)]));
  if (printEdition) children.push(element('p', 'print-edition', [text(`Page numbers follow ${printEdition}.`)]));
  children.push(element('p', 'identifier', [text(`Identifier: ${meta.identifier}`)]));
  return serialize(sanitize(section('copyright-page', undefined, 'copyright-page', children)));
}
