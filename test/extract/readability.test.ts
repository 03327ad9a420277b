/** Galley's Readability gives the library's own result (its overrides only skip work), hidden elements stay out, and a page that needs the library's retry still extracts. */
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { describe, expect, it, vi } from 'vitest';
import { parseDom } from '../../pipeline/extract/html/dom.js';
import { PageReadability } from '../../pipeline/extract/html/readability.js';

const PT =
  'A câmara municipal aprovou ontem à noite o novo plano para o porto velho, depois de três anos de discussão entre os moradores, os pescadores e a empresa que gere o terminal. ' +
  'O plano prevê a recuperação dos armazéns da margem norte, que vão receber um mercado de peixe e uma escola de vela, e a abertura de um passeio ao longo do cais até à foz do rio. ' +
  'Os primeiros trabalhos começam em março e devem durar dois anos; a câmara diz que o custo será dividido com o Estado e com fundos europeus.';
const DE =
  'Der Gemeinderat hat am Dienstagabend den neuen Plan für den alten Hafen beschlossen, nach drei Jahren Streit zwischen Anwohnern, Fischern und der Betreibergesellschaft des Terminals. ' +
  'Die Lagerhäuser am Nordufer sollen einen Fischmarkt und eine Segelschule aufnehmen, und ein Uferweg soll bis zur Flussmündung führen.';
const JA = '市議会は昨夜、旧港の新しい計画を承認した。住民と漁業者、ターミナルの運営会社との三年にわたる議論の末の決定である。北岸の倉庫は魚市場とヨット教室に生まれ変わる。';

/** A page whose article is long enough for Readability's first attempt, beside elements hidden in each way the library knows. */
const HIDDEN = `<!doctype html><html lang="pt"><head><title>O porto velho</title></head><body>
<nav><a href="/">Início</a> <a href="/local">Local</a></nav>
<article>
  <h1>O porto velho</h1>
  <p>${PT}</p>
  <p style="display:none">Oculto por display none.</p>
  <p style="color: red ; display : none">Oculto depois de outra declaração.</p>
  <p style="visibility:hidden">Oculto por visibility hidden.</p>
  <p style="display:none; display:block">Visível: a última declaração vale.</p>
  <p style="display: none !important">Visível para o linkedom: o valor não é só none.</p>
  <p hidden>Oculto pelo atributo hidden.</p>
  <p aria-hidden="true">Oculto por aria-hidden.</p>
  <p aria-hidden="true" class="math fallback-image">Visível: imagem de recurso.</p>
  <p aria-hidden="false">Visível: aria-hidden falso.</p>
  <p>${DE}</p>
  <svg aria-hidden="true"><text>Oculto no SVG</text></svg>
  <div>   <br> </div>
  <div>\u00a0</div>
  <section> <hr> </section>
  <p>${JA}</p>
</article>
</body></html>`;

/** A page whose only article sits in a box Readability first strips as unlikely (class "sidebar"), so its first attempt is too short and it retries with the page as it was. */
const RETRY = `<!doctype html><html lang="de"><head><title>Der alte Hafen</title></head><body>
<div class="sidebar"><div class="byline">Von Jana Weber</div><p>${DE}</p><p>${DE.replace('Dienstagabend', 'Mittwochabend')}</p></div>
<div class="footer"><p>Impressum</p></div>
</body></html>`;

/** Readability's result with the article as HTML, from a DOM of its own. */
function parsed(html: string, make: (document: Document) => Readability<Element>) {
  const found = make(parseDom(html)).parse();
  return found && { ...found, content: found.content?.outerHTML };
}

const library = (document: Document) => new Readability(document, { serializer: (element) => element as Element });

describe("Galley's Readability", () => {
  it.each([
    ['hidden elements', HIDDEN],
    ['a page that needs the retry', RETRY],
  ])("gives the library's own result on %s", (_, html) => {
    expect(parsed(html, (document) => new PageReadability(document, () => parseDom(html)))).toEqual(parsed(html, library));
  });

  it('leaves out what the page hides with a style, `hidden` or `aria-hidden`, and keeps what it only seems to hide', () => {
    const text = new PageReadability(parseDom(HIDDEN), () => parseDom(HIDDEN)).parse()?.textContent ?? '';
    for (const hidden of ['Oculto', 'Início']) expect(text).not.toContain(hidden);
    for (const shown of ['Visível: a última', 'Visível para o linkedom', 'Visível: imagem', 'Visível: aria-hidden falso', 'Flussmündung', '魚市場']) expect(text).toContain(shown);
  });

  it('makes the page again only for a retry, and the retry finds the article', () => {
    let remade = 0;
    const reparse = (html: string) => () => (remade++, parseDom(html));
    expect(new PageReadability(parseDom(HIDDEN), reparse(HIDDEN)).parse()).not.toBeNull();
    expect(remade).toBe(0);
    const found = new PageReadability(parseDom(RETRY), reparse(RETRY)).parse();
    expect(remade).toBe(1);
    expect(found?.textContent).toContain('Mittwochabend');
    expect(found?.byline).toBe('Von Jana Weber');
  });

  it('leaves the page body and the article readable and writable as before once it has parsed', () => {
    const document = parseDom(RETRY);
    const article = new PageReadability(document, () => parseDom(RETRY)).parse()?.content;
    expect(article?.innerHTML).toContain('Mittwochabend');
    expect(Object.getOwnPropertyDescriptor(article, 'innerHTML')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(document.body, 'innerHTML')).toBeUndefined();
    document.body.innerHTML = '<p>neu</p>';
    expect(document.body.innerHTML).toBe('<p>neu</p>');
  });

  it('finds elements by tag name as the selector engine does, without it', () => {
    const html = `<!doctype html><html><body><h1>Titel</h1><div><p>Eins</p><template><p>Vorlage</p></template><figure><img src="a.jpg"><figcaption>Bild</figcaption></figure></div><section><h2>Zwei</h2><p>Drei <br> vier</p></section></body></html>`;
    const document = parseDom(html);
    // Readability's own wrappers are made with upper-case names, which linkedom keeps.
    const wrapper = document.createElement('DIV');
    wrapper.appendChild(document.createElement('P')).textContent = 'Fünf';
    document.body.appendChild(wrapper);
    const reader = new PageReadability(document, () => parseDom(html)) as unknown as { _getAllNodesWithTag(node: ParentNode, tags: string[]): ArrayLike<Element> };
    for (const node of [document, document.body, document.querySelector('div')!, wrapper])
      for (const tags of [['p'], ['h1', 'h2'], ['div', 'p', 'template'], ['img', 'picture', 'figure'], ['br'], ['table']]) {
        const expected = [...node.querySelectorAll(tags.join(','))];
        const engine = vi.spyOn(node, 'querySelectorAll');
        const found = Array.from(reader._getAllNodesWithTag(node, tags));
        expect(engine).not.toHaveBeenCalled();
        engine.mockRestore();
        expect(found.length).toBe(expected.length);
        expect(found.every((element, index) => element === expected[index])).toBe(true);
      }
  });

  it('is written against @mozilla/readability 0.6.0, whose internals it overrides', () => {
    expect(createRequire(import.meta.url)('@mozilla/readability/package.json').version).toBe('0.6.0');
  });
});
