/** hast-util-minify-whitespace as Galley patches it (patches/hast-util-minify-whitespace+1.0.1.patch): its tag lists become checks once, and whitespace is minified as before. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fromHtml } from 'hast-util-from-html';
import { minifyWhitespace } from 'hast-util-minify-whitespace';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';

/** The fragment as HTML after minifying its whitespace (with `newlines` as given). */
function minified(html: string, newlines = false): string {
  const tree = fromHtml(html, { fragment: true });
  minifyWhitespace(tree, { newlines });
  return toHtml(tree);
}

describe('hast-util-minify-whitespace with its tag lists converted once', () => {
  it('is the patched 1.0.1 (`npm ci` applies the patch)', () => {
    const require = createRequire(import.meta.url);
    const main = require.resolve('hast-util-minify-whitespace');
    expect(JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')).version).toBe('1.0.1');
    expect(readFileSync(join(dirname(main), 'lib/index.js'), 'utf8')).toContain("Galley's patch");
  });

  // The outputs of the unpatched 1.0.1, for blocks, inline content, embedded and hidden elements, skippable ones, pre and both `newlines` settings.
  it('minifies as the unpatched library does', () => {
    expect(minified('<div>\n  <p>  Der   alte <b> Hafen </b>\n</p>  <p>Zweiter\tAbsatz</p>\n</div>')).toBe('<div><p>Der alte <b>Hafen</b></p><p>Zweiter Absatz</p></div>');
    expect(minified('<p>Vor <img src="a.jpg" alt=""> nach <br>  neue Zeile</p>')).toBe('<p>Vor <img src="a.jpg" alt=""> nach<br>neue Zeile</p>');
    expect(minified('<ul>\n <li> eins </li>\n <li>zwei <script> x </script> drei</li>\n</ul>')).toBe('<ul><li>eins</li><li>zwei <script> x </script> drei</li></ul>');
    expect(minified('<p>港 <span> 市 </span>\n<em>議会</em></p>', true)).toBe('<p>港 <span>市 </span><em>議会</em></p>');
    expect(minified('<pre>  kept\n   as is </pre><textarea>  also </textarea>')).toBe('<pre>  kept\n   as is </pre><textarea>  also </textarea>');
    expect(minified('<p>Text <span hidden> versteckt </span> weiter <video src="v.mp4"></video> ende</p>\n<table> <tr> <td> Zelle </td> </tr> </table>')).toBe(
      '<p>Text <span hidden>versteckt </span>weiter <video src="v.mp4"></video> ende</p><table><tbody><tr><td>Zelle</td></tr></tbody></table>',
    );
    expect(minified('<section> <h2> Titel </h2> <!-- c --> <p>a <template> t </template> b</p> <dialog> d </dialog> </section>', true)).toBe(
      '<section><h2>Titel</h2><!-- c --><p>a <template> t </template>b</p><dialog>d</dialog></section>',
    );
  });
});
