/** Finds the copyright notice ("© 2023 Washington Examiner"), moves it to the end and records rights, holder and year. */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Copyright } from '../mdast-nodes.js';

const NOTICE = /^(?:©|\(c\)|copyright\b)/iu;
/** A notice is one line, not a paragraph that happens to start with "Copyright". */
const MAX_NOTICE_CHARS = 200;

/** A remark plugin making the copyright line a `copyright` node at the end of the article. */
export function remarkCopyright() {
  return (tree: Root, file: VFile): void => {
    const meta = file.data.meta ?? (file.data.meta = {});
    const notices: Copyright[] = [];
    tree.children = tree.children.filter((node: RootContent) => {
      if (node.type !== 'paragraph') return true;
      const text = toString(node).trim();
      if (!NOTICE.test(text) || text.length > MAX_NOTICE_CHARS) return true;
      notices.push({ type: 'copyright', children: node.children, position: node.position });
      return false;
    });
    const notice = notices[0];
    if (!notice && meta.rights) tree.children.push({ type: 'copyright', children: [{ type: 'text', value: meta.rights }] });
    if (!notice) return;
    tree.children.push(...notices);
    const text = toString(notice).replace(/\s+/g, ' ').trim();
    meta.rights ??= text;
    const parsed = /^(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d{2})?[\s,]*(.*?)(?:[.,]?\s*all rights reserved\.?)?$/iu.exec(text);
    const year = parsed?.[1];
    const holder = parsed?.[2]?.replace(/[.,;\s]+$/u, '');
    if (holder) meta.publisher ??= holder;
    if (year) meta.date ??= year;
    if (notices.length > 1) file.info(`kept ${notices.length} copyright lines; the first is the notice`, { ruleId: 'copyright', source: 'galley' });
  };
}
