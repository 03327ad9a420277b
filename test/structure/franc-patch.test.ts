/** franc-min as Galley patches it (patches/franc-min+6.2.0.patch): its distances are summed through an index of the languages each trigram is in, with the library's results. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { francAll } from 'franc-min';
import { describe, expect, it } from 'vitest';

const DE =
  'Der Gemeinderat hat am Dienstagabend den neuen Plan für den alten Hafen beschlossen, nach drei Jahren Streit zwischen Anwohnern, Fischern und der Betreibergesellschaft des Terminals.';
const PT =
  'A câmara municipal aprovou ontem à noite o novo plano para o porto velho, depois de três anos de discussão entre os moradores, os pescadores e a empresa que gere o terminal.';
const RU = 'Городской совет вчера вечером утвердил новый план для старого порта после трёх лет споров между жителями, рыбаками и компанией, которая управляет терминалом.';
const ONLY = ['por', 'spa', 'deu', 'nld', 'rus', 'ukr', 'bul'];

describe('franc-min with indexed distances', () => {
  it('is the patched franc-min 6.2.0 (`npm ci` applies the patch)', () => {
    const require = createRequire(import.meta.url);
    const folder = dirname(require.resolve('franc-min/package.json'));
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version).toBe('6.2.0');
    expect(readFileSync(join(folder, 'index.js'), 'utf8')).toContain("Galley's patch");
  });

  // The unpatched library's scores, to the last digit: the distances are the same integers.
  it('scores as the unpatched library does, among all languages and among a few', () => {
    expect(francAll(DE).slice(0, 3)).toEqual([
      ['deu', 1],
      ['nld', 0.7855614765257303],
      ['swe', 0.6820179703605741],
    ]);
    expect(francAll(DE, { only: ONLY }).slice(0, 3)).toEqual([
      ['deu', 1],
      ['nld', 0.7855614765257303],
      ['por', 0.622155665331207],
    ]);
    expect(francAll(PT).slice(0, 3)).toEqual([
      ['por', 1],
      ['spa', 0.8587980365276611],
      ['fra', 0.7974174147614204],
    ]);
    expect(francAll(PT, { only: ONLY }).slice(0, 3)).toEqual([
      ['por', 1],
      ['spa', 0.8587980365276611],
      ['nld', 0.5973555034714545],
    ]);
    expect(francAll(RU).slice(0, 3)).toEqual([
      ['rus', 1],
      ['bul', 0.8488998447913814],
      ['ukr', 0.7953985209531635],
    ]);
    expect(francAll(RU, { ignore: ['rus'] })[0]).toEqual(['bul', 1]);
  });
});
