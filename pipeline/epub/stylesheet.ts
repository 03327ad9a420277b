/**
 * The template's stylesheet as the EPUB carries it. Galley embeds no fonts in EPUBs and fetches
 * nothing, so `@import`, `@font-face` and any `url()` could only point at a file the book does not
 * hold: a reading system shows nothing for them, EPUBCheck and Send to Kindle refuse them. They
 * are taken out (postcss parses the sheet) and named, so the build can say so.
 */
import postcss from 'postcss';
import { TemplateError } from '../errors.js';

/** The stylesheet without rules that reach outside the book, and what was taken out. */
export interface EpubStylesheet {
  css: string;
  removed: string[];
}

/** Removes `@import`, `@font-face` and declarations using `url()` from a stylesheet. */
export function epubStylesheet(css: string): EpubStylesheet {
  if (!/@import|@font-face|url\(/i.test(css)) return { css, removed: [] };
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (cause) {
    throw new TemplateError(`the template's stylesheet cannot be read as CSS (${(cause as Error).message})`, { cause });
  }
  const removed: string[] = [];
  root.walkAtRules((rule) => {
    const name = rule.name.toLowerCase();
    if (name !== 'import' && name !== 'font-face') return;
    removed.push(name === 'import' ? `@import ${rule.params}` : '@font-face');
    rule.remove();
  });
  root.walkDecls((declaration) => {
    if (!/url\(/i.test(declaration.value)) return;
    removed.push(`${declaration.prop}: ${declaration.value}`);
    declaration.remove();
  });
  return { css: root.toString(), removed };
}
