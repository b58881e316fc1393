import 'server-only';
import type { Db } from '@/db/client';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import { getActor } from '@/lib/auth/session';
import { APP_ERROR_HTTP_STATUS, AppError, isAppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { recordAction } from '@/lib/server/observability/action-log';
import { toActionError } from './action-result';

/**
 * Helpers for route handlers that `jsonRoute` does not cover: dynamic params, more than one
 * permission, a same-origin check for state-changing methods, and streamed file responses.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' } as const;

/** The signed-in actor holding at least one of `permissions`, or a typed error. */
export async function requireAnyPermission(permissions: readonly Permission[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!permissions.some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
  return actor;
}

/**
 * CSRF defence for state-changing route handlers (Next gives them none): the browser must
 * say the request is same-origin (`Sec-Fetch-Site`), or, from a browser that does not send
 * that header, `Origin` must be this request's own origin or the canonical NEXTAUTH_URL.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = req.headers.get('origin');
  if (!origin || origin === 'null') return false;
  const allowed = new Set<string>();
  for (const u of [req.url, process.env.NEXTAUTH_URL]) {
    try {
      if (u) allowed.add(new URL(u).origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return allowed.has(origin);
}

export function assertSameOrigin(req: Request): void {
  if (!isSameOrigin(req)) throw new AppError('FORBIDDEN', { message: 'cross-origin request refused' });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** `Retry-After` for a refused-for-now answer (429), so clients and proxies know when to come back. */
export function retryAfterHeaders(err: { retryAfterSeconds?: number }): Record<string, string> {
  return err.retryAfterSeconds !== undefined ? { 'Retry-After': String(err.retryAfterSeconds) } : {};
}

/**
 * Any error as `{ error: { code, message } }` with its HTTP status; unknown errors stay generic.
 * `fieldErrors` adds the per-field messages (API clients fill their own forms from them).
 */
export function errorResponse(e: unknown, opts: { fieldErrors?: boolean } = {}): Response {
  const err = toActionError(e);
  const override = isAppError(e) && 'httpStatus' in e && typeof e.httpStatus === 'number' ? e.httpStatus : null;
  const fields = opts.fieldErrors && err.fieldErrors && Object.keys(err.fieldErrors).length ? { fieldErrors: err.fieldErrors } : {};
  return jsonResponse({ error: { code: err.code, message: err.message, ...fields } }, override ?? APP_ERROR_HTTP_STATUS[err.code], retryAfterHeaders(err));
}

export interface RouteContext<P> {
  params: Promise<P>;
}

export interface ProtectedRouteArgs<P> {
  actor: Actor;
  db: Db;
  req: Request;
  params: P;
}

/**
 * A route handler that checks, in order, same origin (if asked), the session and one of the
 * permissions on every request, then runs `fn`; any error becomes the JSON error answer.
 */
export function protectedRoute<P>(
  opts: { permissions: readonly Permission[]; sameOrigin?: boolean },
  fn: (args: ProtectedRouteArgs<P>) => Promise<Response>,
) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const action = `route:${opts.permissions.join('|')}`;
    try {
      if (opts.sameOrigin) assertSameOrigin(req);
      const actor = await requireAnyPermission(opts.permissions);
      const res = await fn({ actor, db: await getDb(), req, params: await ctx.params });
      recordAction(action, 'ok', started, actor.userId);
      return res;
    } catch (e) {
      const res = errorResponse(e);
      recordAction(action, isAppError(e) ? e.code : 'INTERNAL', started);
      return res;
    }
  };
}

/** RFC 5987 `ext-value` encoding: UTF-8, percent-encoding everything outside attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `inline` or `attachment`, with an ASCII fallback name and the exact name as `filename*` (RFC 6266). */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'file';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * A stored file as a response: the content type we sniffed when it was uploaded (never the
 * client's), no sniffing by the browser, a sandbox so an opened file can run nothing, no caching.
 */
export function fileResponse(file: { stream: ReadableStream<Uint8Array>; mime: string; size: number; fileName: string; download: boolean }): Response {
  return new Response(file.stream, {
    status: 200,
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.download ? 'attachment' : 'inline', file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
      ...NO_STORE,
    },
  });
}
