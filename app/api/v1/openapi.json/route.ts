import { OPENAPI_DOCUMENT } from '@/lib/server/api-tokens/openapi';

export const dynamic = 'force-static';

/** GET /api/v1/openapi.json — the partner-bank API description (public: it contains no data). */
export function GET(): Response {
  return Response.json(OPENAPI_DOCUMENT);
}
