import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { galley } from '../helpers/cli.js';

async function picture(format: 'png' | 'webp', colour: string): Promise<Buffer> {
  const image = sharp({ create: { width: 1800, height: 1200, channels: 3, background: colour } });
  return format === 'png' ? image.png().toBuffer() : image.webp({ lossless: true }).toBuffer();
}

describe('images in a Markdown article', () => {
  it('embeds JPEG/PNG/WebP from the article folder in both books and refuses every other reference with a warning', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-images-'));
    const dir = join(root, 'article');
    mkdirSync(dir);
    writeFileSync(join(dir, 'harbour.png'), await picture('png', '#3366aa'));
    writeFileSync(join(dir, 'cranes.webp'), await picture('webp', '#aa6633'));
    writeFileSync(join(root, 'outside.png'), await picture('png', '#000000'));
    writeFileSync(
      join(dir, 'article.md'),
      [
        '---',
        'title: Cranes over the harbour',
        'lang: en',
        '---',
        '',
        'The north quay at dawn, seen from the ferry, with both restored cranes at work.',
        '',
        '![Two blue cranes above the quay](harbour.png "The cranes at dawn. Photo: Ana Ruiz")',
        '',
        '![An orange crane lifting a container](cranes.webp "The second crane. Photo: Ana Ruiz")',
        '',
        '![A picture from elsewhere](../outside.png)',
        '',
        '![A picture from the web](https://example.com/picture.png)',
        '',
        '![A system file](/etc/passwd)',
        '',
        'Dock workers watched from the old customs house.',
      ].join('\n'),
    );
    const out = join(root, 'out');
    const run = galley(['build', join(dir, 'article.md'), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const refused = run.stdout.split('\n').filter((line) => line.includes('(image-refused)'));
    expect(refused).toHaveLength(3);
    expect(refused.join('\n')).toMatch(/"\.\.\/outside\.png" refused: it is outside the article's folder/);
    expect(refused.join('\n')).toMatch(/"https:\/\/example\.com\/picture\.png" refused: only files in the article's folder/);
    expect(refused.join('\n')).toMatch(/"\/etc\/passwd" refused: absolute paths are not allowed/);

    const zip = await JSZip.loadAsync(readFileSync(join(out, 'cranes-over-the-harbour.epub')));
    const images = Object.keys(zip.files).filter((name) => /\/image-\d+\.(png|jpeg)$/.test(name));
    expect(images).toHaveLength(2);
    const chapter = await zip.file(/chapter-1\.xhtml$/)[0]!.async('string');
    expect(chapter).toContain('alt="Two blue cranes above the quay"');
    expect(chapter).toContain('alt="An orange crane lifting a container"');
    expect(chapter).not.toContain('example.com');
    expect(chapter).not.toContain('passwd');

    const list = spawnSync('pdfimages', ['-list', join(out, 'cranes-over-the-harbour.pdf')], { encoding: 'utf8' }).stdout;
    const rows = list
      .trim()
      .split('\n')
      .slice(2)
      .filter((row) => / image /.test(row));
    expect(rows).toHaveLength(2);
  });

  it("keeps two articles' pictures of the same name apart in a collection", async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-images-'));
    const files: string[] = [];
    for (const [name, colour] of [
      ['north', '#3366aa'],
      ['south', '#aa3333'],
    ] as const) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'photo.png'), await picture('png', colour));
      const file = join(root, name, 'article.md');
      writeFileSync(file, `---\ntitle: The ${name} quay\nlang: en\n---\n\nThe ${name} quay was busy all morning with ferries and freighters.\n\n![The ${name} quay](photo.png)\n`);
      files.push(file);
    }
    const out = join(root, 'out');
    const run = galley(['build', ...files, '--collection', 'Both quays', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'both-quays.epub')));
    const images = Object.keys(zip.files).filter((name) => /\/image-\d+\.png$/.test(name));
    expect(images).toHaveLength(2);
    const [first, second] = await Promise.all(images.map((name) => zip.file(name)!.async('nodebuffer')));
    expect(Buffer.compare(first!, second!)).not.toBe(0);
  });
});
