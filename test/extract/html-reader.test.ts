/**
 * What a reader of a book made from a saved page sees: a feedback widget's words left out, lines
 * the page's class names a heading set as headings, a caption set after its picture's figure kept
 * as that picture's caption with the credit the picture carries set apart. Small pages of our own,
 * in several languages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';

const template = loadTemplate('default');
const folder = mkdtempSync(join(tmpdir(), 'galley-html-reader-'));

/** A page of our own in a language, with enough prose for Readability to take the article. */
async function article(lang: string, body: string, prose: string) {
  const paragraphs = Array.from({ length: 4 }, (_, index) => `<p>${index + 1}. ${prose}</p>`).join('');
  const file = join(folder, `page-${lang}-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(
    file,
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>Page</title></head><body><article><h1>The headline of the page</h1>${body.replace('{prose}', paragraphs)}</article></body></html>`,
  );
  return prepareArticle(file, template);
}

function outline(nodes: RootContent[]): string[] {
  return nodes.map((node) =>
    node.type === 'figure' ? `figure: ${node.children.map((child) => `${child.type}=${toString(child)}`).join(' | ')}` : `${node.type}: ${toString(node)}`,
  );
}

const EN = 'Water the moss once a week and keep the glass out of direct sunlight, or the leaves will scorch within a few days of warm weather.';
const DE = 'Das Moos einmal in der Woche gießen und das Glas nicht in die pralle Sonne stellen, sonst verbrennen die Blätter schon nach wenigen warmen Tagen.';
const ES = 'Riega el musgo una vez por semana y mantén el cristal lejos del sol directo, o las hojas se quemarán en pocos días de calor.';

describe('a how-to page: steps, pictures and a feedback widget', () => {
  const steps = (lang: string, step: string, prose: string) =>
    [1, 2]
      .map(
        (n) =>
          `<div class="step"><div class="content"> <span class="headline2 head block">${step} ${n}</span><p>${prose}</p></div><figure class="thumb"><img src="https://cdn.example/${n}.jpg" alt="" data-credit="Ana Ruiz"></figure><figcaption class="caption"> ${step} ${n} (Ana Ruiz) </figcaption></div>`,
      )
      .join('');

  it.each([
    ['en', 'Step', EN, 'Found This Helpful'],
    ['de', 'Schritt', DE, 'War dieser Artikel hilfreich?'],
    ['es', 'Paso', ES, '¿Te resultó útil?'],
  ])('%s: sets the steps as headings, the captions after their figures as captions with their credit, and leaves the widget out', async (lang, step, prose, widget) => {
    const found = await article(lang, `<div class="score"><span class="msg">${widget}</span></div>{prose}${steps(lang, step, prose)}`, prose);
    const lines = outline(found.tree.children);
    expect(lines.join('\n')).not.toContain(widget);
    expect(lines.filter((line) => line.startsWith('heading'))).toEqual(['heading: The headline of the page', `heading: ${step} 1`, `heading: ${step} 2`]);
    expect(lines.filter((line) => line.startsWith('figure'))).toEqual([
      `figure: figureCaption=${step} 1 | figureCredit=Ana Ruiz`,
      `figure: figureCaption=${step} 2 | figureCredit=Ana Ruiz`,
    ]);
    expect(found.diagnostics.find((d) => d.text === widget)?.rule).toBe('dropped-boilerplate');
  });

  it('keeps a line with a heading class as text when it runs on in a paragraph, sits in a link or is long', async () => {
    const found = await article(
      'en',
      `{prose}<p><span class="subhead">Note:</span> the glass must be cleaned first.</p><div><a href="/x"><span class="headline">Another story to read</span></a></div><div class="x"><span class="headline">${EN}</span></div>`,
      EN,
    );
    const headings = found.tree.children.filter((node) => node.type === 'heading').map((node) => toString(node));
    expect(headings).toEqual(['The headline of the page']);
    expect(outline(found.tree.children).join('\n')).toContain('paragraph: Note: the glass must be cleaned first.');
  });

  it('sets a caption made only of names joined by slashes as a credit alone ("Thomas Jackson/Digital Vision/Getty Images")', async () => {
    const found = await article(
      'en',
      `{prose}<figure><img src="https://cdn.example/a.jpg" alt=""></figure><figcaption>Thomas Jackson/Digital Vision/Getty Images</figcaption><figure><img src="https://cdn.example/b.jpg" alt=""><figcaption>Prices rose 24/7/365 at the market</figcaption></figure>`,
      EN,
    );
    expect(outline(found.tree.children).filter((line) => line.startsWith('figure'))).toEqual([
      'figure: figureCredit=Thomas Jackson/Digital Vision/Getty Images',
      'figure: figureCaption=Prices rose 24/7/365 at the market',
    ]);
  });
});

describe('a section whose content was furniture', () => {
  const IT = 'Il consiglio comunale ha votato martedì per mantenere il traghetto notturno anche d’inverno, dopo una petizione firmata da duemila isolani.';

  it('leaves out the heading the article ends on once its list of links is gone, and keeps a heading with text under it', async () => {
    const found = await article(
      'it',
      `{prose}<h2>Cosa dicono gli isolani</h2><p>${IT}</p><h2>Articoli correlati</h2><ul><li><a href="/a">Il porto riapre</a></li><li><a href="/b">Nuovo orario estivo</a></li></ul>`,
      IT,
    );
    const headings = found.tree.children.filter((node) => node.type === 'heading').map((node) => toString(node));
    expect(headings).toEqual(['The headline of the page', 'Cosa dicono gli isolani']);
    expect(found.diagnostics.find((d) => d.rule === 'dropped-empty-heading')?.text).toBe('Articoli correlati');
  });
});

describe('figures whose picture is loaded from the web', () => {
  const PT = 'A câmara votou na terça-feira para manter a balsa noturna durante o inverno, depois de um abaixo-assinado de dois mil moradores da ilha.';

  it('keep the caption and the credit, set apart from its label, without the label the page gives screen readers ("Photo")', async () => {
    const found = await article(
      'pt',
      `{prose}<figure><span class="visually-hidden">Foto</span><a href="/a"><img src="https://cdn.example/a.jpg" alt=""></a><figcaption><span><span class="visually-hidden">Crédito</span>Ana Lima/Folha</span></figcaption></figure><figure><img src="https://cdn.example/b.jpg" alt=""><figcaption><div>A balsa no cais.</div></figcaption><div class="credit">(Foto: Rui Costa)</div></figure>`,
      PT,
    );
    expect(outline(found.tree.children).filter((line) => line.startsWith('figure'))).toEqual([
      'figure: figureCredit=Ana Lima/Folha',
      'figure: figureCaption=A balsa no cais. | figureCredit=(Foto: Rui Costa)',
    ]);
    expect(outline(found.tree.children).join('\n')).not.toMatch(/paragraph: Foto$/m);
  });

  it('inside a list of teasers, set the credit as a line of the list, not a photo note', async () => {
    const found = await article(
      'en',
      `{prose}<ol><li><article><figure><span>Photo</span><a href="/a"><img src="https://cdn.example/a.jpg" alt=""></a><figcaption><span><span>Credit</span>Kevin Frayer/Getty Images</span></figcaption></figure><p>${EN}</p></article></li><li><article><p>${EN} Again.</p></article></li></ol>`,
      EN,
    );
    const list = found.tree.children.find((node) => node.type === 'list');
    expect(list && toString(list)).toContain('Kevin Frayer/Getty Images');
    expect(found.tree.children.filter((node) => node.type === 'figure')).toEqual([]);
  });
});
