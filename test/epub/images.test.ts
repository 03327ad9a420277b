import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { epubcheck, parseXml, text, unzip } from './helpers.js';
import { figureEdition, PHOTO_ALT, pngAsset } from './fixtures/editions.js';

describe('images', () => {
  it('packages the edition’s own image bytes with their real alt text and nothing else', async () => {
    const zip = await unzip(await renderEpub(figureEdition()));
    const doc = parseXml(await text(zip, 'OEBPS/chapter-1.xhtml'));
    const images = Array.from(doc.getElementsByTagName('img'));
    expect(images.map((img) => [img.getAttribute('src'), img.getAttribute('alt')])).toEqual([
      ['images/image-1.png', PHOTO_ALT],
      // Decoration keeps its empty alt instead of the library's "image-placeholder".
      ['images/image-2.png', ''],
    ]);
    const figure = doc.getElementsByTagName('figure')[0];
    expect(figure?.getElementsByTagName('img')).toHaveLength(1);
    expect(figure?.textContent).not.toContain('Harbour Cranes');
    // The local file reference never became an image: its alt text stands in for it.
    expect(doc.documentElement?.textContent).toContain('host name');
    const files = Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/images/') && !name.endsWith('/'));
    expect(files.sort()).toEqual(['OEBPS/images/image-1.png', 'OEBPS/images/image-2.png']);
    expect(await zip.file('OEBPS/images/image-1.png')?.async('uint8array')).toEqual(pngAsset().bytes);
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).toContain('<item id="image-1" href="images/image-1.png" media-type="image/png"/>');
    expect(opf).toContain('<meta property="schema:accessMode">visual</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
    expect(opf).toContain('properties="cover-image"');
  });

  it('passes EPUBCheck with no error and no warning', async () => {
    const messages = await epubcheck(await renderEpub(figureEdition()));
    const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
    expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message}`)).toEqual([]);
  });
});
