/**
 * The allow-list every chapter body passes before it reaches the book: known elements and
 * attributes only, links to http(s) and mailto only, and no character XML forbids.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { ACTIVE_ELEMENTS } from '../html-elements.js';
import { isFragmentLink, isSafeLink } from './safe-url.js';
import { xmlSafe } from './xml-text.js';

/** Elements a chapter body may hold; any other element is unwrapped and keeps its text. */
const ALLOWED = new Set([
  'section',
  'header',
  'footer',
  'div',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'img',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'code',
  'hr',
  'br',
  'em',
  'strong',
  'del',
  'a',
  'span',
  'sup',
  'sub',
  'small',
  'cite',
  'q',
  'abbr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'dl',
  'dt',
  'dd',
]);

/** Attributes (as hast property names) any allowed element may carry. */
const GLOBAL_PROPERTIES = new Set(['id', 'className', 'lang', 'dir', 'title', 'role', 'ariaLabel', 'epub:type']);

/** Further attributes per element. */
const ELEMENT_PROPERTIES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href']),
  // A table's scrolling box takes the keyboard's focus (epub/handlers/table.ts).
  div: new Set(['tabIndex']),
  img: new Set(['src', 'alt']),
  ol: new Set(['start']),
};

function cleanValue(value: Properties[string]): Properties[string] {
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? xmlSafe(item) : item));
  return value;
}

function cleanProperties(element: Element): Properties {
  const own = ELEMENT_PROPERTIES[element.tagName];
  const kept: Properties = {};
  for (const [name, value] of Object.entries(element.properties)) {
    if (!GLOBAL_PROPERTIES.has(name) && !own?.has(name)) continue;
    if (value === null || value === undefined) continue;
    kept[name] = cleanValue(value);
  }
  return kept;
}

function cleanChildren(children: readonly RootContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      const value = xmlSafe(child.value);
      if (value) out.push({ type: 'text', value });
      continue;
    }
    // Comments, doctypes and raw HTML never reach the book.
    if (child.type !== 'element') continue;
    if (ACTIVE_ELEMENTS.has(child.tagName)) continue;
    const children = cleanChildren(child.children);
    if (!ALLOWED.has(child.tagName)) {
      out.push(...children);
      continue;
    }
    if (child.tagName === 'a') {
      const href = child.properties.href;
      if (typeof href !== 'string' || !(isSafeLink(href) || isFragmentLink(href))) {
        out.push(...children);
        continue;
      }
    }
    out.push({ type: 'element', tagName: child.tagName, properties: cleanProperties(child), children });
  }
  return out;
}

function collectIds(children: readonly ElementContent[], ids: Set<string>): void {
  for (const child of children) {
    if (child.type !== 'element') continue;
    if (typeof child.properties.id === 'string') ids.add(child.properties.id);
    collectIds(child.children, ids);
  }
}

/** Unwraps same-document links whose target did not survive, which would otherwise break the book. */
function dropDeadFragments(children: readonly ElementContent[], ids: ReadonlySet<string>): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [child];
    const inner = dropDeadFragments(child.children, ids);
    const href = child.properties.href;
    if (child.tagName === 'a' && typeof href === 'string' && isFragmentLink(href) && !ids.has(href.slice(1))) return inner;
    return [{ ...child, children: inner }];
  });
}

/** Returns a copy of the tree with only allowed elements, attributes, links and characters. */
export function sanitize(tree: Root): Root {
  const children = cleanChildren(tree.children);
  const ids = new Set<string>();
  collectIds(children, ids);
  return { type: 'root', children: dropDeadFragments(children, ids) };
}
