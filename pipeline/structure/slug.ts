/** File-name-safe slugs from headlines. */

/** Longest slug, in characters: file systems and URLs stay comfortable well below this. */
const MAX_SLUG_CHARS = 80;

/** Makes a lowercase ASCII slug from a headline, falling back to `fallback` when nothing Latin is left. */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Letters that decompose into no base letter are spelled as German and Nordic writers do.
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .replace(/[đð]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length <= MAX_SLUG_CHARS ? slug : slug.slice(0, MAX_SLUG_CHARS).replace(/-[^-]*$/, '');
  return cut || fallback;
}
