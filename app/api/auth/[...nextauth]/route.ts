import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { parseLoginError } from '@/lib/auth/login-error';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that a build without secrets never needs them.
const nextAuth = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;

/**
 * next-auth answers a refused credentials login with 200 and the error in the redirect URL;
 * a refusal for now (an address past its limit, a locked account) becomes 429 with
 * Retry-After here, keeping the JSON body the login form reads and every cookie.
 */
async function POST(req: Request, ctx: Ctx): Promise<Response> {
  const res = await nextAuth(req, ctx);
  if (!new URL(req.url).pathname.endsWith('/callback/credentials')) return res;
  let error: string | null = null;
  const body = await res.clone().text();
  try {
    const url = (JSON.parse(body) as { url?: unknown }).url;
    if (typeof url === 'string') error = new URL(url, 'http://localhost').searchParams.get('error');
  } catch {
    return res; // a redirect (no-script form post): left as next-auth made it
  }
  const { code, retryAfterSeconds } = parseLoginError(error);
  if (!error || retryAfterSeconds === undefined || (code !== 'RATE_LIMITED' && code !== 'ACCOUNT_LOCKED')) return res;
  const headers = new Headers(res.headers);
  headers.set('Retry-After', String(retryAfterSeconds));
  headers.delete('location');
  headers.delete('content-length');
  return new Response(body, { status: 429, headers });
}

export { nextAuth as GET, POST };
