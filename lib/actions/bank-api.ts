import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/server/auth/actor';
import { authenticateApiToken } from '@/lib/server/api-tokens/authenticate-api-token';
import { getDb } from '@/lib/server/db';
import { RepaymentImportRejectedError } from '@/lib/server/servicing/import-repayments';
import { errorResponse, jsonResponse } from './route-helpers';

/**
 * A partner-bank API handler (/api/v1): the bearer token is checked on every request and
 * resolves to the bank's service account; the handler then calls the same use-cases as
 * the UI, which authorise and scope to that bank. No cookies are involved, so no CSRF.
 */
export function bankApiRoute(handler: (actor: Actor, db: Db, req: Request) => Promise<unknown>) {
  return async (req: Request): Promise<Response> => {
    try {
      const db = await getDb();
      const actor = await authenticateApiToken(db, req.headers.get('authorization'));
      const out = await handler(actor, db, req);
      return out instanceof Response ? out : jsonResponse({ data: out });
    } catch (e) {
      if (e instanceof RepaymentImportRejectedError) return jsonResponse({ error: { code: e.code, message: e.userMessage, errors: e.errors } }, 400);
      return errorResponse(e);
    }
  };
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
