/** Text hygiene after decoding: line ends, characters XML cannot carry, Unicode normal form. */
import type { Diagnostic } from '../types.js';

// XML 1.0 forbids C0 controls other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF;
// an EPUB with any of them is a fatal error in reading systems.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Terminal escape sequences (colours, cursor moves) pasted with a text: removed whole, not just their ESC. */
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

/** Everything removed from a line, in one pass so that columns are the source's. */
const REMOVED = new RegExp(`${ESCAPE_SEQUENCE.source}|${XML_ILLEGAL.source}`, 'g');

/**
 * Every character REMOVED can start with (surrogates included, paired or not): a text without
 * any is only given LF line ends and NFC. Most texts have none, and one search of the whole text
 * costs a tenth of running REMOVED line by line.
 */
const MAY_REMOVE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Names of the control characters people meet, for the report. */
const CONTROL_NAMES: Record<number, string> = { 0x00: 'NUL', 0x07: 'bell', 0x08: 'backspace', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x1b: 'escape', 0x7f: 'delete' };

/** Normalises line ends to LF and text to NFC, removing (and reporting) characters XML cannot hold. */
export function cleanText(raw: string, file: string): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!MAY_REMOVE.test(raw)) return { text: (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw).normalize('NFC'), diagnostics };
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const cleaned = lines.map((line, index) =>
    line.replace(REMOVED, (char: string, column: number) => {
      if (char.length > 1 && char.startsWith('\u001B')) {
        diagnostics.push({
          severity: 'warning',
          rule: 'removed-character',
          message: `removed terminal escape sequence ESC${JSON.stringify(char.slice(1)).slice(1, -1)}`,
          file,
          line: index + 1,
          column: column + 1,
        });
        return '';
      }
      const code = char.charCodeAt(0);
      const name = CONTROL_NAMES[code];
      // Vertical tab and form feed separate words like a space does; dropping them would join two words.
      const space = code === 0x0b || code === 0x0c;
      diagnostics.push({
        severity: 'warning',
        rule: 'removed-character',
        message: `${space ? 'replaced' : 'removed'} ${code < 0x20 || code === 0x7f ? 'control ' : ''}character U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}${space ? ' by a space' : ''}`,
        file,
        line: index + 1,
        column: column + 1,
      });
      return space ? ' ' : '';
    }),
  );
  return { text: cleaned.join('\n').normalize('NFC'), diagnostics };
}
