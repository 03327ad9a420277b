/**
 * The copyright notice ("© 2023 Washington Examiner"): moved to the end and cleaned to its year
 * and holder. What follows them ("All rights reserved. This material may not be published…")
 * is dropped and listed. The holder becomes the publisher only when nothing better named one;
 * the year is never taken as the article's date.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Copyright } from '../mdast-nodes.js';

const NOTICE = /^(?:©|\(c\)|copyright\b)/iu;
/** A notice after a few words naming no holder ("IPSO Regulated Copyright ©2019 …", "This site © 2018 …"): it opens at its "Copyright ©" or "©" and a year. */
const NOTICE_AFTER_WORDS = /^(?:[\p{L}'’]+\s+){1,3}?(?=(?:copyright\s*)?©\s*(?:19|20)\d{2})/iu;
/** A notice is one line, not a paragraph that happens to start with "Copyright". */
const MAX_NOTICE_CHARS = 240;
/** "© 1996-2015 The Washington Post. All rights reserved." → year(s) and holder, up to the first sentence end, bar or spaced dash ("© 2012 Jane Doe — Contact me"). */
const PARTS = /^(?:©|\(c\)|copyright)(?:\s*©)?\s*((?:19|20)\d{2}(?:\s*[-–—]\s*(?:(?:19|20)?\d{2,4})?)?)?[\s,]*(.*?)(?:\s*[.|]\s+.*|\s+[—–]\s+.*|[.\s]*)$/iu;
/** Words that are the rest of a notice, never a holder. */
const RESERVED =
  'all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|все права защищены';
const NOT_HOLDER = new RegExp(`^(?:${RESERVED})(?!\\p{L})`, 'iu');
/** The rest of a notice run on after the holder's name with a comma or a dash ("SlashGear, All Rights Reserved."). */
const RESERVED_TAIL = new RegExp(`\\s*[,;–—-]\\s*(?:${RESERVED})(?!\\p{L}).*$`, 'iu');

/** A sentence run on after the holder's name without a full stop ("The Real Deal is a registered Trademark of …"): a name has no verb. */
const HOLDER_CLAUSE = /\s+(?:is|are|ist|sind|est|sont|es|son|è|sono|é|são|является|являются)\s.*$/u;

/** The notice's holder, without what follows it ("All rights reserved"), or undefined when it names none. */
function holderOf(text: string): string | undefined {
  const holder = PARTS.exec(text)?.[2]
    ?.replace(RESERVED_TAIL, '')
    .replace(HOLDER_CLAUSE, '')
    .replace(/[.,;\s]+$/u, '');
  return holder && !NOT_HOLDER.test(holder) ? holder : undefined;
}

/** A remark plugin making the copyright line a `copyright` node at the end of the article. */
export function remarkCopyright() {
  return (tree: Root, file: VFile): void => {
    const meta = file.data.meta ?? (file.data.meta = {});
    const notices: Copyright[] = [];
    tree.children = tree.children.filter((node: RootContent) => {
      if (node.type !== 'paragraph') return true;
      const text = toString(node).replace(/\s+/g, ' ').trim();
      const at = NOTICE.test(text) ? 0 : NOTICE_AFTER_WORDS.exec(text)?.[0].length;
      if (at === undefined || text.length > MAX_NOTICE_CHARS) return true;
      notices.push(cleanNotice(node, text, at, file));
      return false;
    });
    const notice = notices[0];
    if (!notice && meta.rights) tree.children.push({ type: 'copyright', children: [{ type: 'text', value: meta.rights }] });
    if (!notice) return;
    tree.children.push(...notices);
    const text = toString(notice);
    meta.rights ??= text;
    const holder = holderOf(text);
    if (holder) meta.publisher ??= holder;
    if (notices.length > 1) file.info(`kept ${notices.length} copyright lines; the first is the notice`, { ruleId: 'copyright', source: 'galley' });
  };
}

/** The notice's year and holder, from where it opens (`at`); the rest of the line is reported as dropped. */
function cleanNotice(node: RootContent & { type: 'paragraph' }, text: string, at: number, file: VFile): Copyright {
  const notice = text.slice(at);
  const years = PARTS.exec(notice)?.[1];
  // The notice keeps its own wording ("Copyright 2023 …" stays so) up to the end of the holder's name.
  const last = holderOf(notice) ?? years;
  const kept = last ? notice.slice(0, notice.indexOf(last, notice.indexOf(years ?? '')) + last.length) : notice;
  const children = kept === text ? node.children : [{ type: 'text' as const, value: kept }];
  if (kept !== text) {
    // What is left out is listed word for word, so the fidelity check can account for every word.
    const bare = (word: string): string => word.replace(/[.,;:|]+$/u, '');
    const left = new Map<string, number>();
    for (const word of kept.split(/\s+/)) left.set(bare(word), (left.get(bare(word)) ?? 0) + 1);
    const rest = text
      .split(/\s+/)
      .filter((word) => {
        const count = left.get(bare(word)) ?? 0;
        if (count > 0) left.set(bare(word), count - 1);
        return count === 0;
      })
      .join(' ');
    if (/[\p{L}\p{N}]/u.test(rest)) {
      const message = file.info(`dropped the rest of the copyright line: "${rest}"`, { place: node.position, ruleId: 'copyright-rest', source: 'galley' });
      message.actual = rest;
    }
  }
  return { type: 'copyright', children, position: node.position };
}
