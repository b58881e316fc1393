import 'server-only';
import type { Db } from '@/db/client';
import { AppError, isAppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { authenticateApiToken } from '@/lib/server/api-tokens/authenticate-api-token';
import { PaymentResultsRejectedError } from '@/lib/server/batches/import-payment-results';
import { getDb } from '@/lib/server/db';
import { RepaymentImportRejectedError } from '@/lib/server/servicing/import-repayments';
import { recordAction } from '@/lib/server/observability/action-log';
import { noteActor } from '@/lib/server/observability/request-context';
import { clientIpFromHeaders } from './client-ip';
import { errorResponse, jsonResponse } from './route-helpers';

type Params = Record<string, string>;

/**
 * A partner-bank API handler (/api/v1): the bearer token is checked on every request and
 * resolves to the bank's service account; the handler then calls the same use-cases as
 * the UI, which authorise and scope to that bank. No cookies are involved, so no CSRF.
 * Amounts leave as strings of fen (bigint never becomes a float on the way out).
 */
export function bankApiRoute<P extends Params = Params>(handler: (actor: Actor, db: Db, req: Request, params: P) => Promise<unknown>) {
  return async (req: Request, ctx?: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    try {
      const db = await getDb();
      const actor = await authenticateApiToken(db, req.headers.get('authorization'), clientIpFromHeaders(req.headers));
      noteActor(actor.userId);
      const params = ((await ctx?.params) ?? {}) as P;
      const out = await handler(actor, db, req, params);
      recordAction('bank-api', 'ok', started, actor.userId);
      return out instanceof Response ? out : jsonResponse({ data: toApiJson(out) });
    } catch (e) {
      recordAction('bank-api', e instanceof RepaymentImportRejectedError || e instanceof PaymentResultsRejectedError ? e.code : isAppError(e) ? e.code : 'INTERNAL', started);
      if (e instanceof RepaymentImportRejectedError || e instanceof PaymentResultsRejectedError) {
        return jsonResponse({ error: { code: e.code, message: e.userMessage, errors: e.errors } }, 400);
      }
      return errorResponse(e, { fieldErrors: true });
    }
  };
}

/** bigint → decimal string and Date → ISO string, recursively; everything else as is. */
export function toApiJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toApiJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toApiJson(v)]));
  return value;
}

/** The request body as bytes, refusing more than `max` while reading (no unbounded buffering). */
export async function readBody(req: Request, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

const JSON_MAX_BYTES = 16 * 1024;

/** The request's media type without parameters (`text/csv; charset=utf-8` → `text/csv`). */
const mediaTypeOf = (req: Request) => (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();

/** A small JSON request body; anything else is a clear INVALID_INPUT (the use-case's schema checks the fields). */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (mediaTypeOf(req) !== 'application/json') throw new AppError('INVALID_INPUT', { userMessage: 'Content-Type 须为 application/json' });
  const bytes = await readBody(req, JSON_MAX_BYTES, () => new AppError('INVALID_INPUT', { userMessage: '请求内容过大' }));
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('INVALID_INPUT', { userMessage: '请求内容不是有效的 JSON' });
  }
}

/** The media types a tabular upload may declare, and the file name the readers go by. */
const TABULAR_UPLOAD_TYPES: Record<string, string> = {
  'text/csv': 'api-upload.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'api-upload.xlsx',
};

export function tabularFileName(req: Request): string {
  const fileName = TABULAR_UPLOAD_TYPES[mediaTypeOf(req)];
  if (!fileName) throw new AppError('INVALID_INPUT', { userMessage: 'Content-Type 须为 text/csv 或 .xlsx 的 MIME 类型' });
  return fileName;
}
