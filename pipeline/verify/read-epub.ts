/** Reads an EPUB back as a reading system would: container → package → spine → XHTML text. */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { posix } from 'node:path';
import { BLOCK_ELEMENTS } from '../html-elements.js';

/** Elements after which a reader sees a break between words, even when the markup has no space. */
const BREAKING = new Set([...BLOCK_ELEMENTS, 'br', 'img']);

/** A content document that failed to parse as XHTML, or a package that does not hang together. */
export class EpubReadError extends Error {}

/** Text of every spine document (the navigation document excluded), one string per document, in reading order. */
export async function readEpubText(bytes: Uint8Array): Promise<Array<{ path: string; text: string }>> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string): Promise<string> => {
    const entry = zip.file(path);
    if (!entry) throw new EpubReadError(`the EPUB has no ${path}`);
    return entry.async('string');
  };
  const container = parseXml(await read('META-INF/container.xml'), 'META-INF/container.xml');
  const opfPath = container.getElementsByTagName('rootfile')[0]?.getAttribute('full-path');
  if (!opfPath) throw new EpubReadError('META-INF/container.xml names no package document');
  const opf = parseXml(await read(opfPath), opfPath);
  const items = new Map<string, { href: string; properties: string }>();
  for (const item of Array.from(opf.getElementsByTagName('item'))) {
    items.set(item.getAttribute('id') ?? '', { href: item.getAttribute('href') ?? '', properties: item.getAttribute('properties') ?? '' });
  }
  const documents: Array<{ path: string; text: string }> = [];
  for (const ref of Array.from(opf.getElementsByTagName('itemref'))) {
    const item = items.get(ref.getAttribute('idref') ?? '');
    if (!item || item.properties.split(/\s+/).includes('nav')) continue;
    const path = posix.join(posix.dirname(opfPath), decodeURIComponent(item.href));
    const doc = parseXml(await read(path), path);
    const body = doc.getElementsByTagName('body')[0];
    documents.push({ path, text: body ? textOf(body) : '' });
  }
  return documents;
}

/** Parses XHTML strictly: any well-formedness error is an `EpubReadError` naming the document. */
export function parseXml(source: string, path: string): ReturnType<DOMParser['parseFromString']> {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(source, 'application/xhtml+xml');
  if (errors.length) throw new EpubReadError(`${path} is not well-formed XHTML: ${errors[0]!.split('\n')[0]}`);
  return doc;
}

/** Text of a subtree, with a line break wherever a block ends; iterative, so deep markup cannot overflow the stack. */
function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Array<Node | 'break'> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'break') {
      parts.push('\n');
      continue;
    }
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== node.ELEMENT_NODE && node.nodeType !== node.DOCUMENT_NODE) continue;
    const name = (node as Element).localName ?? '';
    if (BREAKING.has(name)) stack.push('break');
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts.join('');
}
