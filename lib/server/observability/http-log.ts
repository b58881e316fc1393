import crypto from 'node:crypto';
import http from 'node:http';
import { errorCodeOf, log } from './log';
import { metrics } from './metrics';
import { requestContextStorage, type RequestContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[0-9a-f]{16,}|[A-Za-z0-9_-]{24,})$/i;

/**
 * The route of a request for logs and metric labels: the path without its query (a query may
 * carry a search for a name or an ID number), with ids replaced by `:id`; static assets folded.
 */
export function routeOf(url: string | undefined): string {
  const pathname = (url ?? '/').split('?')[0].split('#')[0];
  if (pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image')) return '/_next/static';
  const segs = pathname.split('/').map((s) => (s && ID_SEGMENT.test(s) ? ':id' : s));
  const route = segs.join('/').slice(0, 200);
  return route || '/';
}

/** The request id: the proxy's `X-Request-Id` when it looks like one, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && SAFE_ID.test(v) ? v : crypto.randomUUID();
}

function observe(req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext): void {
  const started = performance.now();
  req.headers['x-request-id'] = ctx.requestId;
  if (!res.headersSent) res.setHeader('X-Request-Id', ctx.requestId);
  let done = false;
  const finish = (aborted: boolean) => {
    if (done) return;
    done = true;
    const seconds = (performance.now() - started) / 1000;
    const status = aborted && !res.writableFinished ? 499 : res.statusCode;
    // A 404's path is whatever the caller typed: one label for all of them.
    const route = status === 404 ? '(unmatched)' : routeOf(req.url);
    const outcome = status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'ok';
    if (route !== '/_next/static') metrics().requestDuration.observe({ method: req.method ?? 'GET', route, status: String(status) }, seconds);
    const line = { kind: 'request', requestId: ctx.requestId, method: req.method, route, status, outcome, durationMs: Math.round(seconds * 1000), actorId: ctx.actorId };
    if (route === '/_next/static') log().debug(line, 'request');
    else if (status >= 500) log().error(line, 'request');
    else log().info(line, 'request');
  };
  res.once('finish', () => finish(false));
  res.once('close', () => finish(true));
}

/**
 * One JSON log line and one duration sample per HTTP request, with a request id that the
 * request's own code can read (`x-request-id` header, and the async context with the actor):
 * installed once per process from instrumentation.ts by wrapping the server's 'request' event,
 * so every page, route handler and server action is covered without a custom server.
 */
export function installRequestLog(): void {
  const g = globalThis as { __kzHttpLog?: boolean };
  if (g.__kzHttpLog) return;
  g.__kzHttpLog = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const ctx: RequestContext = { requestId: requestIdOf(req.headers['x-request-id']) };
    try {
      observe(req, res, ctx);
    } catch (e) {
      log().warn({ kind: 'request', errorCode: errorCodeOf(e) }, 'request log failed');
    }
    return requestContextStorage().run(ctx, () => (emit as (...a: unknown[]) => boolean).call(this, event, ...args));
  } as typeof emit;
}
