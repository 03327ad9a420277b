/** The opening page: a sink, balanced display lines, the byline; margins with a deeper foot than head. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { measure, SMALL_CAPS } from '../../pipeline/pdf/measure/index.js';
import { runStyle } from '../../pipeline/pdf/blocks/runs.js';
import { editionFromFile, MARKDOWN, SEED, textPage } from './helpers.js';

/** The opening page's text items (after the title and copyright pages): text, size, and baseline measured from the top of the page. */
async function firstPage(result: { bytes: Uint8Array; pages: Array<{ page: number }> }): Promise<Array<{ text: string; size: number; fromTop: number; x: number; width: number }>> {
  const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
  const page = await doc.getPage(textPage(result));
  const height = page.view[3]!;
  const items = (await page.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim()
      ? [
          {
            text: item.str,
            size: Math.hypot(item.transform[0] as number, item.transform[1] as number),
            fromTop: height - (item.transform[5] as number),
            x: item.transform[4] as number,
            width: item.width,
          },
        ]
      : [],
  );
  await doc.destroy();
  return items;
}

/** Items on one baseline joined into lines, top to bottom. */
function lines(items: Array<{ text: string; fromTop: number; x: number; width: number }>): Array<{ text: string; fromTop: number; width: number }> {
  const rows = new Map<number, typeof items>();
  for (const item of items) {
    const key = Math.round(item.fromTop);
    rows.set(key, [...(rows.get(key) ?? []), item]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fromTop, row]) => {
      const sorted = row.sort((a, b) => a.x - b.x);
      return {
        text: sorted
          .map((item) => item.text)
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
        fromTop,
        width: sorted[sorted.length - 1]!.x + sorted[sorted.length - 1]!.width - sorted[0]!.x,
      };
    });
}

describe('the opening page', () => {
  for (const template of ['default', 'large-print']) {
    it(`sinks the headline, balances its lines and sets the byline under it (${template})`, async () => {
      const edition = await editionFromFile(MARKDOWN, template);
      const { print } = edition;
      expect(print.sink).toBeGreaterThan(36);
      const items = await firstPage(await renderPdf(edition));
      const title = lines(items.filter((item) => Math.abs(item.size - print.styles.title.size) < 0.01));
      expect(title.map((line) => line.text)).toEqual(['Harbour cranes', 'return to the old port']);
      // Balanced: neither line is a stub of the other.
      expect(Math.min(...title.map((l) => l.width)) / Math.max(...title.map((l) => l.width))).toBeGreaterThan(0.5);
      // The first baseline lies a sink below the top margin (plus the title's own ascent).
      expect(title[0]!.fromTop).toBeGreaterThanOrEqual(print.margins.top + print.sink! + print.styles.title.size * 0.6);
      const byline = lines(items.filter((item) => /Maria Keller/.test(item.text)));
      expect(byline.length).toBe(1);
      expect(byline[0]!.fromTop).toBeGreaterThan(title[1]!.fromTop);
    });
  }

  it('balances the seed’s two headline lines', async () => {
    const items = await firstPage(await renderPdf(await editionFromFile(SEED)));
    const title = lines(items.filter((item) => item.size === 24));
    expect(title.map((line) => line.text)).toEqual(['China and Russia reinforce', 'diplomatic front against Israel']);
  });

  it('sets the default running heads in letterspaced small capitals, narrower than capitals, reading back as capitals', async () => {
    const edition = await editionFromFile(SEED);
    const style = edition.print.styles.runningHead;
    expect(style.transform).toBe('small-caps');
    const result = await renderPdf(edition);
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const items = (await (await doc.getPage(textPage(result) + 1)).getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() ? [item] : []));
    await doc.destroy();
    const head = items.find((item) => item.str.startsWith('CHINA AND RUSSIA'));
    expect(head?.str.replace(/\s+/g, ' ')).toBe('CHINA AND RUSSIA REINFORCE DIPLOMATIC FRONT AGAINST ISRAEL');
    const font = runStyle(edition.print, style).font;
    const capitals = measure(font, style.size, style.tracking, head!.str);
    const smallCaps = measure(font, style.size, style.tracking, head!.str, SMALL_CAPS);
    expect(smallCaps).toBeLessThan(capitals * 0.95);
    // pdf.js leaves out the tracking after the last letter.
    expect(Math.abs(head!.width - smallCaps)).toBeLessThanOrEqual(style.tracking + 0.01);
  });

  it('gives every template a deeper foot than head', () => {
    for (const name of ['default', 'large-print']) {
      const { margins } = loadTemplate(name).print;
      expect(margins.bottom, name).toBeGreaterThan(margins.top);
    }
  });
});
