/** Text made safe for XML 1.0: characters that no XML parser accepts are removed, never escaped. */

/**
 * Characters outside XML 1.0's `Char` production (C0 controls but tab, line feed and carriage
 * return; U+FFFE and U+FFFF; unpaired surrogates), which make a reading system refuse the file.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Returns the text without the characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Escapes text for use in XML element content or a double-quoted attribute, after making it XML-safe. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
