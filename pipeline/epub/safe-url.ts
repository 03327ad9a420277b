/** Which link targets may reach the book: an allow-list of schemes, so nothing runs and nothing is fetched. */

/** Schemes a reader can follow out of the book; everything else (javascript:, data:, file:, relative paths) is refused. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/** Tells whether an `href` may stay a link in the book. */
export function isSafeLink(href: string): boolean {
  // Browsers ignore leading control characters and spaces, so a hidden "javascript:" after them must not pass.
  return href === href.trim() && !/[\u0000-\u001F\u007F]/.test(href) && SAFE_LINK.test(href);
}

/** A link to an element of the same document; kept only when that element exists (checked after sanitising). */
const FRAGMENT = /^#[A-Za-z][\w.:-]*$/;

/** Tells whether an `href` points inside the same document, such as a footnote reference. */
export function isFragmentLink(href: string): boolean {
  return FRAGMENT.test(href);
}
