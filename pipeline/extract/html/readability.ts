/**
 * Readability (@mozilla/readability 0.6.0, pinned) with the same result in less time on a
 * linkedom DOM. Each override below removes work the library does that cannot change its
 * answer, and says why; the library's own code runs for everything else. They are written
 * against 0.6.0's internals (methods named with `_`, not part of its API): re-read them when
 * the version changes (a test fails when it does).
 */
import { Readability } from '@mozilla/readability';

/** The internals of 0.6.0 that the overrides call or replace. */
interface ReadabilityInternals {
  _doc: Document;
  _debug: boolean;
  REGEXPS: { byline: RegExp };
  _grabArticle(page?: Element | null): Element | null;
  _getAllNodesWithTag(node: ParentNode, tagNames: string[]): ArrayLike<Element>;
  _isElementWithoutContent(node: Element): boolean;
  _isValidByline(node: Element, matchString: string): boolean;
  _unwrapNoscriptImages(document: Document): void;
  _removeScripts(document: Document): void;
  _prepDocument(): void;
}

/** What the page's body reads as while Readability would serialise it for its retries; never a page's HTML (the read stage removes NUL characters). */
const DEFERRED_BODY = '\u0000galley: the prepared body, made again from the page when a retry needs it';

/** Readability that parses a page as the library does, with the overrides described on each method. */
export class PageReadability extends Readability<Element> {
  readonly #reparse: () => Document;

  /**
   * @param document the page's DOM, which parse() rewrites (as the library's does)
   * @param reparse a new DOM of the same page, built as `document` was: made only when Readability retries
   */
  constructor(document: Document, reparse: () => Document) {
    super(document, { serializer: (element) => element as Element });
    this.#reparse = reparse;
  }

  /**
   * The library's `_grabArticle` with its page snapshot made only when a retry needs it.
   *
   * In the library: it first reads `page.innerHTML`, the whole prepared body serialised (about 5 %
   * of extraction's time, and garbage), and when the article it finds is shorter than
   * `charThreshold` it sets that HTML back (`page.innerHTML = pageCacheHtml`) and tries again
   * with a flag cleared. 14 of the 184 dataset pages retry. Here the read gives a placeholder
   * and the write of that placeholder sets the real HTML, made from a new DOM of the same page
   * taken through the same three steps `parse()` runs before `_grabArticle` (images out of
   * `<noscript>`, scripts removed, `_prepDocument`); those steps read nothing but the DOM, and
   * nothing between them and `_grabArticle` writes to it, so the HTML set is the string the
   * library would have kept, and the body is rebuilt from it by the same setter.
   *
   * Then `parse()` builds `"Grabbed: " + articleContent.innerHTML` for a log line that is
   * dropped without debug: the article's first `innerHTML` read gives an empty string instead.
   */
  _grabArticle(page?: Element | null): Element | null {
    const self = this as unknown as ReadabilityInternals;
    const body = page ?? self._doc.body;
    if (!body) return super_grabArticle.call(this, page);
    let prepared: string | undefined;
    const innerHtml = inheritedAccessor(body, 'innerHTML');
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get: () => {
        // Only the snapshot read is answered with the placeholder; later reads see the real HTML.
        Object.defineProperty(body, 'innerHTML', {
          configurable: true,
          get: () => innerHtml.get!.call(body),
          set: (html: string) => innerHtml.set!.call(body, html === DEFERRED_BODY ? (prepared ??= this.#preparedBody()) : html),
        });
        return DEFERRED_BODY;
      },
      set: (html: string) => innerHtml.set!.call(body, html),
    });
    let article: Element | null;
    try {
      article = super_grabArticle.call(this, page);
    } finally {
      delete (body as { innerHTML?: string }).innerHTML;
    }
    if (article && !page && !self._debug) readOnceAs(article, 'innerHTML', '');
    return article;
  }

  /**
   * The library's test with linkedom's style object left out. The library reads
   * `node.style.display` and `node.style.visibility`, and linkedom builds a
   * CSSStyleDeclaration (a Map behind a Proxy) for every element walked, styled or not. linkedom
   * answers both from the `style` attribute: declarations split at `;`, name and value at the
   * first `:`, both trimmed, names compared as written, the last one winning, `''` when absent;
   * `styleValue` reads the attribute the same way. The rest is the library's test as written.
   */
  _isProbablyVisible(node: Element): boolean {
    const style = node.getAttributeNode('style')?.value;
    if (style !== undefined && (styleValue(style, 'display') === 'none' || styleValue(style, 'visibility') === 'hidden')) return false;
    if (node.hasAttribute('hidden')) return false;
    if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
    // An SVG element's className is an object without `includes`: the library's test is false for it.
    const className = node.className as unknown;
    return typeof className === 'string' && className.includes('fallback-image');
  }

  /**
   * The library's test, answered at once for an element with visible text. The library builds
   * the element's whole `textContent` and trims it for every `div`, `section`, header and
   * heading it walks (whole sections of the page, again and again); the element is "without
   * content" only if that is blank, which the first text node holding a non-space character
   * disproves (`\S` and `trim` agree on what a space is: ECMAScript's WhiteSpace and
   * LineTerminator). Elements without such text go to the library's own test.
   */
  _isElementWithoutContent(node: Element): boolean {
    if (node.nodeType === 1 && hasText(node)) return false;
    return super_isElementWithoutContent.call(this, node);
  }

  /**
   * The library's test, with its cheap half first. The library takes the trimmed length of
   * every walked element's `textContent` before it looks at `rel`, `itemprop` and the
   * class/id pattern, until it has a byline; an element that fails those three is no byline
   * whatever its text, so it is answered without its text.
   */
  _isValidByline(node: Element, matchString: string): boolean {
    const itemprop = node.getAttribute('itemprop');
    if (node.getAttribute('rel') !== 'author' && !itemprop?.includes('author') && !(this as unknown as ReadabilityInternals).REGEXPS.byline.test(matchString)) return false;
    return super_isValidByline.call(this, node, matchString);
  }

  /**
   * The library's tag lookup without a selector engine. The library asks
   * `node.querySelectorAll("p,td,pre")` about 70 times a page, mostly of the whole document, and
   * linkedom compiles the selector with css-select on every call and matches each element by
   * lower-casing its name into a new string (a tenth of extraction's time). This walks the same
   * list linkedom's `querySelectorAll` walks (the node's descendants in document order, the
   * content of a `<template>` skipped) and keeps the elements whose lower-cased name is one of
   * the names, which is what css-select's tag selectors test in an HTML document. Anything
   * else (a name that is not a plain tag name, a node without linkedom's list) goes to the library.
   */
  _getAllNodesWithTag(node: ParentNode, tagNames: string[]): ArrayLike<Element> {
    const list = linkedList(node);
    if (!list || !tagNames.every((name) => PLAIN_TAG.test(name))) return super_getAllNodesWithTag.call(this, node, tagNames);
    const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
    const found: Element[] = [];
    for (let next = list.next; next !== list.end;) {
      if (next.nodeType === 1) {
        const name = (next as Element).localName;
        if (wanted.has(name) || wanted.has(name.toLowerCase())) found.push(next as Element);
        next = name === 'template' ? (next as LinkedNode)[list.symbols.end]! : (next as LinkedNode)[list.symbols.next]!;
      } else next = (next as LinkedNode)[list.symbols.next]!;
    }
    return found;
  }

  /** The page's body as `parse()` has it when `_grabArticle` starts, serialised; from a new DOM, so this one is not touched. */
  #preparedBody(): string {
    const document = this.#reparse();
    const twin = new Readability(document) as unknown as ReadabilityInternals;
    twin._unwrapNoscriptImages(document);
    twin._removeScripts(document);
    twin._prepDocument();
    return document.body.innerHTML;
  }
}

const library = Readability.prototype as unknown as ReadabilityInternals;
const super_grabArticle = library._grabArticle;
const super_isElementWithoutContent = library._isElementWithoutContent;
const super_isValidByline = library._isValidByline;
const super_getAllNodesWithTag = library._getAllNodesWithTag;

/** A tag name as Readability passes them ("p", "h1"): no selector syntax. */
const PLAIN_TAG = /^[a-z][a-z0-9]*$/i;

/** A linkedom node: its links to the next node of its document's list and, for a parent, to its end marker. */
type LinkedNode = Node & Record<symbol, Node | undefined>;

/** linkedom's private symbols for those links, found on the first node asked about (linkedom does not export them). */
let linkedSymbols: { next: symbol; end: symbol; mime: symbol } | undefined;

/**
 * Where linkedom's list of a node's descendants starts and ends, when the node is part of an
 * HTML document linkedom made (its names compared without case); otherwise undefined.
 */
function linkedList(node: ParentNode): { next: Node; end: Node; symbols: { next: symbol; end: symbol } } | undefined {
  if (!linkedSymbols) {
    const own = Object.getOwnPropertySymbols(node.ownerDocument ?? node);
    const named = (name: string): symbol | undefined => own.find((symbol) => symbol.description === name);
    const [next, end, mime] = [named('next'), named('end'), named('mime')];
    if (!next || !end || !mime) return undefined;
    linkedSymbols = { next, end, mime };
  }
  const linked = node as unknown as LinkedNode;
  const document = (node.ownerDocument ?? node) as unknown as Record<symbol, { ignoreCase?: boolean } | undefined>;
  const next = linked[linkedSymbols.next];
  const end = linked[linkedSymbols.end];
  if (!next || !end || document[linkedSymbols.mime]?.ignoreCase !== true) return undefined;
  return { next, end, symbols: linkedSymbols };
}

/** The getter and setter an object inherits for a property (linkedom defines `innerHTML` on its Element class). */
function inheritedAccessor(object: object, name: string): PropertyDescriptor {
  for (let proto = Object.getPrototypeOf(object); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  throw new Error(`no inherited ${name}`);
}

/** Makes the next read of a property give `value`; reads after it, and writes, are the inherited ones. */
function readOnceAs(object: object, name: string, value: unknown): void {
  Object.defineProperty(object, name, {
    configurable: true,
    get: () => {
      delete (object as Record<string, unknown>)[name];
      return value;
    },
    set: (next: unknown) => {
      delete (object as Record<string, unknown>)[name];
      (object as Record<string, unknown>)[name] = next;
    },
  });
}

/** A declaration's value in a `style` attribute as linkedom's CSSStyleDeclaration gives it (see `_isProbablyVisible`). */
function styleValue(style: string, name: string): string {
  let value = '';
  for (const rule of style.split(/\s*;\s*/)) {
    const colon = rule.indexOf(':');
    if (colon < 0) continue;
    const key = rule.slice(0, colon).trim();
    const text = rule.slice(colon + 1).trim();
    if (key === name && text) value = text;
  }
  return value;
}

/** Whether a text or CDATA node under `element` holds a non-space character (what `textContent.trim()` would keep). */
function hasText(element: Element): boolean {
  let node: Node | null = element.firstChild;
  while (node && node !== element) {
    if ((node.nodeType === 3 || node.nodeType === 4) && /\S/.test(node.textContent ?? '')) return true;
    if (node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node !== element && !node.nextSibling) node = node.parentNode!;
    if (node === element) break;
    node = node.nextSibling;
  }
  return false;
}
