import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { buildBook } from '../../pipeline/index.js';
import { loadTemplate } from '../../pipeline/layout/index.js';

function project(templates: Record<string, { json: object; css?: string }>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'galley-templates-'));
  for (const [name, { json, css }] of Object.entries(templates)) {
    mkdirSync(join(cwd, 'templates', name), { recursive: true });
    writeFileSync(join(cwd, 'templates', name, 'template.json'), JSON.stringify(json));
    if (css !== undefined) writeFileSync(join(cwd, 'templates', name, 'style.css'), css);
  }
  return cwd;
}

describe('templates', () => {
  it('resolves the default template to points and absolute font files', () => {
    const template = loadTemplate('default');
    expect(template.print.trim).toEqual({ width: 432, height: 648 });
    expect(template.print.styles.body).toMatchObject({ family: 'text', size: 10.5, leading: 14, align: 'justify', indent: 10.5 });
    expect(template.print.fonts.text?.regular).toMatch(/Literata_400Regular\.ttf$/);
    expect(template.epub.css).toContain('figcaption');
  });

  it('lets a template extend another: only the differences are written, styles replaced whole, stylesheets cascaded', () => {
    const cwd = project({
      'big-body': {
        json: { extends: 'default', page: { trim: 'A5' }, styles: { body: { family: 'text', size: '12pt', leading: '16pt' } }, epub: { stylesheet: 'style.css' } },
        css: 'p { font-size: 120%; }',
      },
    });
    const template = loadTemplate('big-body', cwd);
    const base = loadTemplate('default');
    expect(template.name).toBe('big-body');
    expect(template.print.trim.width).toBeCloseTo((148 / 25.4) * 72, 6);
    expect(template.print.margins).toEqual(base.print.margins);
    expect(template.print.styles.body).toMatchObject({ size: 12, leading: 16, align: 'left', indent: 0 });
    expect(template.print.styles.heading).toEqual(base.print.styles.heading);
    expect(template.epub.css.startsWith(base.epub.css)).toBe(true);
    expect(template.epub.css.endsWith('p { font-size: 120%; }')).toBe(true);
    expect(template.hash).not.toBe(base.hash);
  });

  it('adds the style.css beside a template that extends another, named or not, after its parent’s (large print’s own stylesheet is applied)', async () => {
    const cwd = project({ quiet: { json: { extends: 'default' }, css: 'p { hyphens: none; }' } });
    const base = loadTemplate('default');
    const quiet = loadTemplate('quiet', cwd);
    expect(quiet.epub.css.startsWith(base.epub.css)).toBe(true);
    expect(quiet.epub.css.endsWith('p { hyphens: none; }')).toBe(true);
    const large = loadTemplate('large-print');
    const own = readFileSync(join(import.meta.dirname, '../../templates/large-print/style.css'), 'utf8');
    expect(large.epub.css).not.toBe(base.epub.css);
    expect(large.epub.css.endsWith(own)).toBe(true);
    const book = await buildBook([join(import.meta.dirname, '../fixtures/articles/seed/article.txt')], { template: 'large-print', formats: ['epub'], verify: false });
    const zip = await JSZip.loadAsync(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes);
    expect(await zip.file('OEBPS/style.css')!.async('string')).toContain(own.trim());
  });

  it('refuses a template that extends itself in a circle', () => {
    const cwd = project({ a: { json: { extends: 'b' } }, b: { json: { extends: 'a' } } });
    expect(() => loadTemplate('a', cwd)).toThrow(/templates\/b\/template\.json: extends: "a" leads back to itself$/);
  });

  it('names the file and the field when a merged template is wrong', () => {
    const cwd = project({ odd: { json: { extends: 'default', page: { trim: '4x4' } } } });
    expect(() => loadTemplate('odd', cwd)).toThrow(`${join(cwd, 'templates/odd/template.json')}: page.trim: must be one of 5x8, 5.25x8, 5.5x8.5, 6x9, 7x10, 8.5x11, A5`);
  });

  it('takes the words of generated pages from the template, in both books', async () => {
    const labels = { toc: 'Sommaire', landmarks: 'Repères', pageList: 'Pages imprimées', titlePage: 'Page de titre', bodymatter: 'Début', copyright: 'Droits' };
    const cwd = project({ maison: { json: { extends: 'default', labels } } });
    const fixtures = join(import.meta.dirname, '../fixtures/articles');
    const book = await buildBook([join(fixtures, 'seed/article.txt'), join(fixtures, 'markdown-front-matter/article.md')], {
      template: 'maison',
      formats: ['epub', 'pdf'],
      collectionTitle: 'Revue de presse',
      cwd,
    });
    const zip = await JSZip.loadAsync(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes);
    const nav = await zip.file(/toc\.xhtml$/)[0]!.async('string');
    for (const word of Object.values(labels)) expect(nav).toContain(word);
    const pdf = join(cwd, 'book.pdf');
    writeFileSync(pdf, book.artifacts.find((artifact) => artifact.name.endsWith('.pdf'))!.bytes);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Sommaire');
    expect(text).not.toContain('Contents');
  });
});
