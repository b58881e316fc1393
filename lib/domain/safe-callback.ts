/**
 * Where a login (or any redirect that takes a `callbackUrl`) may send the browser: only a path
 * on this site. The value is parsed with `URL` against the site's origin and accepted only when
 * it stays on that origin; everything a browser might read as another host is refused first:
 * `//host`, `/\host` (browsers treat `\` as `/`), the same written percent-encoded
 * (`/%2F%2Fhost`, `/%5Chost`, also encoded twice), control characters, tabs and newlines
 * (which browsers strip from URLs, so `/\t/host` becomes `//host`), and anything that is not
 * a path (`https://…`, `javascript:…`, `evil.example`). Refused values give `fallback`.
 */

const MAX_LENGTH = 2048;
/** C0 controls (tab, CR, LF included), DEL, C1 controls, and the backslash. */
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\\]/;

/** The value, then its percent-decodings (up to three levels), stopping at a malformed escape. */
function decodings(value: string): string[] {
  const out = [value];
  let cur = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(cur);
    } catch {
      // A stray `%` is harmless to the browser's routing, but a value we cannot read is refused below.
      return [...out, '\u0000'];
    }
    if (next === cur) break;
    out.push(next);
    cur = next;
  }
  return out;
}

function looksOffsite(s: string): boolean {
  return FORBIDDEN_CHARS.test(s) || !s.startsWith('/') || s.startsWith('//');
}

/** The same-origin path (`/path?query#hash`) `value` names, or null when it is not one. */
export function sameOriginPath(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (decodings(value).some(looksOffsite)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself be safe (e.g. `/./\/host` cannot come back as `//host`).
  return looksOffsite(path) ? null : path;
}

/** `sameOriginPath`, or `fallback` (the signed-in home by default) when the value is refused. */
export function safeCallbackPath(value: unknown, origin: string, fallback = '/home'): string {
  return sameOriginPath(value, origin) ?? fallback;
}
