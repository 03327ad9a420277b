/** File-name-safe slugs from headlines. */

/** Longest slug, in characters: file systems and URLs stay comfortable well below this. */
const MAX_SLUG_CHARS = 80;
/** Longest slug in UTF-8 bytes: with `.thumbnail.jpg` after it, a name stays under the 255 bytes file systems allow. */
const MAX_SLUG_BYTES = 200;

/**
 * Makes a lowercase slug from a headline: Latin letters as ASCII (accents dropped, "ß" as
 * "ss"), other scripts' letters kept as they are written ("москва-…", "엘제이-류화영-…"), since
 * a Korean or Russian editor reads those and not a row of books named after their file.
 * Falls back to `fallback` when no letter or digit is left.
 */
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
    // Marks stay with their letters (Japanese voicing marks, Indic vowel signs), recomposed below.
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  let cut = slug;
  while (tooLong(cut) && cut.includes('-')) cut = cut.replace(/-[^-]*$/, '');
  // One word longer than the bound (a Japanese headline has no spaces) is cut at a character.
  const chars = [...cut];
  while (tooLong(chars.join(''))) chars.pop();
  return chars.join('') || fallback;
}

function tooLong(slug: string): boolean {
  return slug.length > MAX_SLUG_CHARS || Buffer.byteLength(slug) > MAX_SLUG_BYTES;
}
