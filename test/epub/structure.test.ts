import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { editionFromFile, epubcheck, KITCHEN_SINK, parseXml, SEED, text, unzip } from './helpers.js';

describe('renderEpub on the seed', () => {
  it('keeps the article structure in order as semantic XHTML', async () => {
    const zip = await unzip(await renderEpub(await editionFromFile(SEED)));
    const doc = parseXml(await text(zip, 'OEBPS/chapter-1.xhtml'));
    const section = doc.getElementsByTagName('section')[0];
    expect(section?.getAttribute('epub:type')).toBe('chapter');
    const blocks = Array.from(section?.childNodes ?? [])
      .filter((node) => node.nodeType === 1)
      .map((node) => node as unknown as Element);
    const outline = blocks.map((element) => element.tagName);
    // The scrape has the photo's caption, not the photo: it closes the article, as in print.
    expect(outline).toEqual(['h1', 'p', 'p', 'h2', 'p', 'p', 'p', 'p', 'figure', 'footer']);
    expect(blocks[0]?.textContent).toBe('China and Russia reinforce diplomatic front against Israel');
    expect(blocks[8]?.getAttribute('class')).toBe('photo-note');
    const figcaption = blocks[8]?.getElementsByTagName('figcaption')[0];
    const credit = Array.from(figcaption?.getElementsByTagName('span') ?? []).find((span) => span.getAttribute('class') === 'credit');
    expect(credit?.textContent).toBe('Vladimir Voronin/AP');
    expect(figcaption?.textContent).toMatch(/^Russian President Vladimir Putin attends the talks/);
    expect(blocks[3]?.textContent).toBe('AMID HEZBOLLAH CONCERNS, WATCH FOR ANY MOVEMENT OF 26TH MARINE EXPEDITIONARY UNIT');
    const notice = blocks[9]?.getElementsByTagName('p')[0];
    expect(notice?.getAttribute('class')).toBe('copyright');
    expect(notice?.textContent).toBe('© 2023 Washington Examiner');
    const body = doc.documentElement?.textContent ?? '';
    for (const dropped of ['Video Embed', 'Related Content', 'CLICK HERE', 'Kyrgyzstan Russia']) expect(body).not.toContain(dropped);
  });

  it('passes EPUBCheck with no error and no warning', async () => {
    const messages = await epubcheck(await renderEpub(await editionFromFile(SEED)));
    const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
    expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message} ${JSON.stringify(m.locations[0])}`)).toEqual([]);
  });
});

describe('renderEpub on a Markdown article using every construct', () => {
  it('keeps web, mail and footnote links, drops the rest to text, and ends with the notice', async () => {
    const zip = await unzip(await renderEpub(await editionFromFile(KITCHEN_SINK)));
    const doc = parseXml(await text(zip, 'OEBPS/chapter-1.xhtml'));
    const hrefs = Array.from(doc.getElementsByTagName('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/a?b=1&c=2', 'mailto:editor@example.org', '#user-content-fn-1', '#user-content-fnref-1']);
    const starts = Array.from(doc.getElementsByTagName('ol')).map((ol) => ol.getAttribute('start'));
    expect(starts.slice(0, 2)).toEqual([null, '3']);
    const body = doc.documentElement?.textContent ?? '';
    expect(body).toContain('a relative link, a fragment and');
    // Whether the parser keeps raw HTML as literal text or reduces it to its text is its call; markup it never is.
    expect(body).toContain('raw block HTML');
    // The only divs are the scrolling boxes of tables (epub/handlers/table.ts), one a table.
    const divs = Array.from(doc.getElementsByTagName('div'));
    expect(divs.length).toBe(doc.getElementsByTagName('table').length);
    for (const div of divs) {
      const children = Array.from(div.childNodes).filter((node) => node.nodeType === 1);
      expect([div.getAttribute('class'), ...children.map((child) => child.nodeName)]).toEqual(['table', 'table']);
    }
    expect(Array.from(doc.getElementsByTagName('*')).filter((element) => element.hasAttribute('onclick') || element.hasAttribute('style'))).toEqual([]);
    const section = doc.getElementsByTagName('section')[0];
    const last = Array.from(section?.childNodes ?? [])
      .filter((node) => node.nodeType === 1)
      .at(-1) as Element | undefined;
    expect(last?.localName).toBe('footer');
    expect(last?.textContent).toBe('© 2024 Test Press');
  });

  it('passes EPUBCheck with no error and no warning', async () => {
    const messages = await epubcheck(await renderEpub(await editionFromFile(KITCHEN_SINK)));
    const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
    expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message} ${JSON.stringify(m.locations[0])}`)).toEqual([]);
  });
});
