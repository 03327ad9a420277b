/** Request target → path segments under the served folder, judged on the text alone (no disk access). */

/** A request path that may be looked up (`segments`, never empty), or why not. */
export type RequestPath = { status: 200; segments: string[] } | { status: 400 | 404 };

/**
 * Splits and decodes the path of a request target. Refused with 400: anything but an origin-form
 * path, malformed percent-encoding, `.`, `..` and empty segments (raw or encoded), NUL,
 * backslashes and encoded slashes (they would let a decoded segment span folders). Refused with
 * 404: dotfiles, which include the write stage's half-written `.….tmp` files. `/` is `index.html`.
 */
export function resolveRequestPath(target: string): RequestPath {
  if (!target.startsWith('/')) return { status: 400 };
  const path = target.replace(/[?#].*$/s, '');
  if (path === '/') return { status: 200, segments: ['index.html'] };
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[\0\\/]/.test(segment)) return { status: 400 };
    segments.push(segment);
  }
  if (segments.some((segment) => segment.startsWith('.'))) return { status: 404 };
  return { status: 200, segments };
}
