import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { readEpubText } from '../../pipeline/verify/index.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { articleFile, build, prepare } from './helpers.js';

function types(tree: Nodes): string[] {
  const found: string[] = [];
  visit(tree, (node) => {
    found.push(node.type);
  });
  return found;
}

const FRONT = '---\ntitle: Raw HTML\n---\n\n';

describe('raw HTML in Markdown', () => {
  it('turns the allow-listed inline tags into mdast nodes', async () => {
    const article = await prepare(
      `${FRONT}Some <em>emphasis</em>, <i>italic</i>, <strong>strong</strong>, <b>bold</b>,<br>a break, H<sub>2</sub>O and x<sup>2</sup>, <del>gone</del> and <code>a &lt; b</code>.\n`,
    );
    const paragraph = article.tree.children.find((node) => node.type === 'paragraph')!;
    expect(types(paragraph).filter((type) => type !== 'text')).toEqual(['paragraph', 'emphasis', 'emphasis', 'strong', 'strong', 'break', 'delete', 'inlineCode']);
    expect(toString(paragraph)).toBe('Some emphasis, italic, strong, bold,a break, H2O and x2, gone and a < b.');
    expect(types(article.tree)).not.toContain('html');
  });

  it('pairs tags across Markdown emphasis and repairs bad nesting as a browser would', async () => {
    const article = await prepare(`${FRONT}<b>bold *and <i>both</i>* still bold</b> then <em>unclosed\n`);
    const paragraph = article.tree.children.find((node) => node.type === 'paragraph')!;
    expect(toString(paragraph)).toBe('bold and both still bold then unclosed');
    expect(types(paragraph)).toEqual(['paragraph', 'strong', 'text', 'emphasis', 'text', 'emphasis', 'text', 'text', 'text', 'emphasis', 'text']);
  });

  it('keeps http(s) and mailto links and never a javascript:, data: or vbscript: one', async () => {
    const article = await prepare(
      `${FRONT}<a href="https://example.org/x">web</a> <a href="mailto:a@example.org">mail</a> <a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a> <a href="jav&#x61;script:alert(1)">js3</a> <a href="data:text/html,<script>alert(1)</script>">data</a> <a href="vbscript:x">vb</a> <a href="/relative">rel</a> <a onclick="alert(1)" href="https://example.org/y">click</a>\n`,
    );
    const urls: string[] = [];
    visit(article.tree, 'link', (node) => {
      urls.push(node.url);
    });
    expect(urls).toEqual(['https://example.org/x', 'mailto:a@example.org', 'https://example.org/y']);
    expect(toString(article.tree)).toContain('web mail js js2 js3 data vb rel click');
  });

  it('drops scripts, styles, frames, objects and comments with their content, reporting each', async () => {
    const article = await prepare(
      `${FRONT}Before <script>alert("inline")</script> after.\n\n<script>\nalert("block");\n</script>\n\n<style>p { color: red }</style>\n\n<!-- a comment -->\n\n<iframe src="https://evil.example"></iframe>\n\n<object data="x.swf">fallback</object>\n\nText <img src="x.jpg" onerror="alert(1)" alt="a picture"> end.\n`,
    );
    const text = toString(article.tree);
    for (const gone of ['alert', 'color', 'comment', 'fallback', 'picture']) expect(text).not.toContain(gone);
    expect(text).toContain('Before  after.');
    const dropped = article.diagnostics
      .filter((d) => d.rule === 'dropped-raw-html')
      .map((d) => d.text)
      .filter(Boolean);
    expect(dropped).toEqual(['alert("inline")', 'alert("block");', 'p { color: red }', 'a comment', 'fallback', 'a picture']);
    expect(article.diagnostics.some((d) => d.rule === 'dropped-raw-html' && /iframe/.test(d.message))).toBe(true);
  });

  it('reads block HTML as paragraphs and headings, removing unknown tags but keeping their text', async () => {
    const article = await prepare(`${FRONT}<div class="x"><p>First <span style="color:red">para</span>.</p><h3>A heading</h3><p>Second <blink>blinks</blink>.</p></div>\n`);
    const blocks = article.tree.children.slice(1).map((node) => [node.type, toString(node)]);
    expect(blocks).toEqual([
      ['paragraph', 'First para.'],
      ['heading', 'A heading'],
      ['paragraph', 'Second blinks.'],
    ]);
    expect(article.diagnostics.find((d) => d.rule === 'raw-html')?.message).toMatch(/<blink>/);
  });

  it('shows a paragraph with too many tags as text instead of parsing it', async () => {
    const article = await prepare(`${FRONT}${'<span>'.repeat(600)}deep${'</span>'.repeat(600)}\n`);
    expect(toString(article.tree)).toContain('<span><span>');
    expect(article.diagnostics.some((d) => d.rule === 'raw-html' && /shown as text/.test(d.message))).toBe(true);
  });

  it('lets no markup, handler or unsafe link reach the EPUB, and loses no word', async () => {
    const file = articleFile(
      `${FRONT}Para <b onmouseover="x()">bold</b> <a href="javascript:alert(1)">link</a> <svg><script>alert(2)</script></svg> end.\n\n<form action="https://evil.example"><input name="q"><button>Go</button></form>\n\n<table><tr><td>cell one</td><td>cell two</td></tr></table>\n`,
    );
    const book = await build(file);
    const documents = await readEpubText(book.epub);
    const chapter = documents.find((doc) => doc.path.includes('chapter'))!;
    expect(chapter.text).toContain('Para bold link  end.');
    expect(chapter.text).toMatch(/cell one\s*cell two/);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(book.epub);
    const xhtml = await zip.file(chapter.path)!.async('string');
    expect(xhtml).not.toMatch(/<(script|svg|form|input|button|iframe)\b|onmouseover|javascript:/i);
    expect(await verifyFidelity({ files: [file], diagnostics: book.diagnostics, epub: book.epub, pdf: book.pdf })).toEqual([]);
  });
});
