/** linkedom as Galley patches it (patches/linkedom+0.18.15.patch): a node gets its listener map when a listener is added, and events behave as before. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDom } from '../../pipeline/extract/html/dom.js';

describe('linkedom with listener maps made on demand', () => {
  it('is the patched linkedom 0.18.15 (`npm ci` applies the patch)', () => {
    const require = createRequire(import.meta.url);
    expect(require('linkedom/package.json').version).toBe('0.18.15');
    expect(readFileSync(join(dirname(require.resolve('linkedom/package.json')), 'esm/interface/event-target.js'), 'utf8')).toContain("Galley's patch");
  });

  it('delivers an event to its listeners, bubbling from a parsed element, until they are removed', () => {
    const document = parseDom('<html><body><article><p id="p">Hafen</p></article></body></html>');
    const p = document.getElementById('p')!;
    const heard: string[] = [];
    const onP = (event: Event) => heard.push(`p:${event.type}`);
    p.addEventListener('ping', onP);
    document.body.addEventListener('ping', (event) => heard.push(`body:${event.type}`));
    p.dispatchEvent(new document.defaultView!.Event('ping', { bubbles: true }));
    p.removeEventListener('ping', onP);
    p.dispatchEvent(new document.defaultView!.Event('ping', { bubbles: true }));
    expect(heard).toEqual(['p:ping', 'body:ping', 'body:ping']);
  });

  it('lets a node that never had a listener dispatch an event and remove one without throwing', () => {
    const document = parseDom('<html><body><p>港</p></body></html>');
    const p = document.querySelector('p')!;
    expect(() => p.removeEventListener('ping', () => {})).not.toThrow();
    expect(p.dispatchEvent(new document.defaultView!.Event('ping', { bubbles: true }))).toBeTypeOf('boolean');
  });
});
