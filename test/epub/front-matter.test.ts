/** Front matter says only what is true of an article: where and when it first appeared, as far as the article says. */
import { describe, expect, it } from 'vitest';
import { originallyPublished, renderCopyrightPage, renderTitlePage } from '../../pipeline/epub/front-matter.js';
import { editionMeta } from '../../pipeline/layout/metadata.js';
import { editionFromFile, MARKDOWN, SEED } from './helpers.js';

describe('publication wording', () => {
  it('says “Originally published in … on …”, with as much of the date as is known', () => {
    expect(originallyPublished({ title: 'T', publisher: 'The Riverside Courier', date: '2024-05-14' })).toBe('Originally published in The Riverside Courier on May 14, 2024.');
    expect(originallyPublished({ title: 'T', publisher: 'Washington Examiner', date: '2023' })).toBe('Originally published in Washington Examiner in 2023.');
    expect(originallyPublished({ title: 'T', date: '2024-05' })).toBe('Originally published in May 2024.');
    expect(originallyPublished({ title: 'T', publisher: 'Courier' })).toBe('Originally published in Courier.');
    expect(originallyPublished({ title: 'Cranes', publisher: 'Courier', date: '2024-05-14' }, true)).toBe('“Cranes” was originally published in Courier on May 14, 2024.');
    expect(originallyPublished({ title: 'T' })).toBeUndefined();
  });

  it('never names a publisher the article does not give: not the template’s imprint, not “Published by”', async () => {
    const edition = await editionFromFile(SEED);
    const bare = { ...edition.meta, publisher: 'Galley' };
    const title = renderTitlePage(bare, { title: bare.title });
    const copyright = renderCopyrightPage(bare, undefined, [{ title: bare.title }]);
    for (const page of [title, copyright]) {
      expect(page).not.toContain('Galley');
      expect(page).not.toMatch(/Published by|First published/);
    }
    const markdown = await editionFromFile(MARKDOWN);
    const original = {
      title: markdown.meta.title,
      ...(markdown.meta.publisher ? { publisher: markdown.meta.publisher } : {}),
      ...(markdown.meta.date ? { date: markdown.meta.date } : {}),
    };
    expect(renderCopyrightPage(markdown.meta, undefined, [original])).toMatch(/Originally published in [^<]+ on [A-Z][a-z]+ \d{1,2}, \d{4}\./);
  });

  it('claims no rights for the template’s imprint when the article gives no notice', async () => {
    const { meta } = await editionFromFile(SEED);
    const bare = editionMeta({ ...meta, rights: undefined, publisher: undefined }, 'text', {});
    expect(bare.rights).toBeUndefined();
    expect(bare.publisher).toBeUndefined();
  });
});
