import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { epubcheck, parseXml, text, unzip } from './helpers.js';
import { HOSTILE_HTML, hostileEdition } from './fixtures/editions.js';

function allElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagName('*'));
}

describe('sanitising', () => {
  it('lets no script, style, frame, handler or dangerous URL into the book', async () => {
    const zip = await unzip(await renderEpub(hostileEdition()));
    const source = await text(zip, 'OEBPS/chapter-1.xhtml');
    const doc = parseXml(source) as unknown as Document;
    const elements = allElements(doc);
    const names = new Set(elements.map((element) => element.localName));
    for (const banned of ['script', 'style', 'iframe', 'b', 'img']) expect(names).not.toContain(banned);
    for (const element of elements) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.name).not.toBe('style');
        expect(attribute.value).not.toMatch(/^\s*(javascript|data|file):/i);
      }
    }
    const links = elements.filter((element) => element.localName === 'a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.org/ok']);
    // Raw HTML is shown literally, as the text the author wrote.
    expect(doc.documentElement?.textContent).toContain(HOSTILE_HTML);
    expect(doc.documentElement?.textContent).toContain('a script link');
    expect(source).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('keeps the hostile book valid for EPUBCheck', async () => {
    const messages = await epubcheck(await renderEpub(hostileEdition()));
    const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
    expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message}`)).toEqual([]);
  });
});
