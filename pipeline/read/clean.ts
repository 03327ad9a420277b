/** Text hygiene after decoding: line ends, characters XML cannot carry, Unicode normal form. */
import type { Diagnostic } from '../types.js';

// XML 1.0 forbids C0 controls other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF;
// an EPUB with any of them is a fatal error in reading systems.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Normalises line ends to LF and text to NFC, removing (and reporting) characters XML cannot hold. */
export function cleanText(raw: string, file: string): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const cleaned = lines.map((line, index) =>
    line.replace(XML_ILLEGAL, (char, column: number) => {
      diagnostics.push({
        severity: 'warning',
        rule: 'removed-character',
        message: `removed control character U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
        file,
        line: index + 1,
        column: column + 1,
      });
      return '';
    }),
  );
  return { text: cleaned.join('\n').normalize('NFC'), diagnostics };
}
