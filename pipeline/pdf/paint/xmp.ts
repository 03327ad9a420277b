/**
 * XMP metadata written in place of pdfkit's own, which does not escape XML (a title with `&`
 * breaks the packet) and lacks the modify date, rights and language (../shared/notes/pdfkit.md).
 */

/** What the XMP packet states; it must agree with the document information dictionary. */
export interface XmpFields {
  title: string;
  creators: string[];
  description: string;
  rights?: string | undefined;
  lang: string;
  publisher?: string | undefined;
  identifier: string;
  keywords: string;
  creatorTool: string;
  producer: string;
  /** ISO 8601, UTC. */
  date: string;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char] ?? ''};`);
}

/** Removes characters XML 1.0 forbids (controls), which a scrape can carry. */
function clean(text: string): string {
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

function alt(name: string, value: string, lang = 'x-default'): string {
  return `<${name}><rdf:Alt><rdf:li xml:lang="${clean(lang)}">${clean(value)}</rdf:li></rdf:Alt></${name}>`;
}

function bag(name: string, values: string[], kind: 'Bag' | 'Seq' = 'Bag'): string {
  return `<${name}><rdf:${kind}>${values.map((value) => `<rdf:li>${clean(value)}</rdf:li>`).join('')}</rdf:${kind}></${name}>`;
}

/** The rdf:Description elements of the packet (pdfkit adds the wrapper and the PDF/A id). */
export function xmpDescriptions(fields: XmpFields): string {
  const date = fields.date;
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    alt('dc:title', fields.title),
    fields.creators.length > 0 ? bag('dc:creator', fields.creators, 'Seq') : '',
    fields.description ? alt('dc:description', fields.description) : '',
    fields.rights ? alt('dc:rights', fields.rights) : '',
    bag('dc:language', [fields.lang]),
    fields.publisher ? bag('dc:publisher', [fields.publisher]) : '',
    `<dc:identifier>${clean(fields.identifier)}</dc:identifier>`,
  ].join('');
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate><xmp:CreatorTool>${clean(fields.creatorTool)}</xmp:CreatorTool></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${dc}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${clean(fields.producer)}</pdf:Producer>${fields.keywords ? `<pdf:Keywords>${clean(fields.keywords)}</pdf:Keywords>` : ''}</rdf:Description>`,
    fields.rights ? `<rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"><xmpRights:Marked>True</xmpRights:Marked></rdf:Description>` : '',
  ].join('\n');
}
