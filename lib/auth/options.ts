import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { endSession } from '@/lib/server/auth/end-session';
import { ZLoginSchema } from '@/lib/validation/auth';
import { safeCallbackPath } from '@/lib/domain/safe-callback';
import { clientIpFromHeaders } from '@/lib/actions/client-ip';

/**
 * next-auth v4 with credentials. The JWT carries only the server-side session id (`sid`)
 * and the role for navigation; the real check is resolveSession() on every request.
 */
export function authOptions(): NextAuthOptions {
  const cfg = env();
  return {
    secret: cfg.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: cfg.SESSION_MAX_HOURS * 3600 },
    jwt: { maxAge: cfg.SESSION_MAX_HOURS * 3600 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { identifier: { type: 'text' }, password: { type: 'password' }, otp: { type: 'text' } },
        async authorize(credentials, req) {
          const parsed = ZLoginSchema.safeParse(credentials);
          if (!parsed.success) throw new Error('INVALID_CREDENTIALS');
          const ip = clientIpFromHeaders(req?.headers as Record<string, unknown> | undefined);
          try {
            const r = await authenticateUser(await getDb(), { ...parsed.data, ip });
            return { id: r.userId, sid: r.sessionId, role: r.role };
          } catch (e) {
            // The code travels to the login form, which shows the matching Chinese text; a
            // refusal for now carries its wait (`RATE_LIMITED:900`), which the route answers as 429.
            if (isAppError(e)) throw new Error(e.retryAfterSeconds !== undefined ? `${e.code}:${e.retryAfterSeconds}` : e.code);
            throw new Error('INTERNAL');
          }
        },
      }),
    ],
    callbacks: {
      // Where next-auth sends the browser after sign-in / sign-out: a path on this site only.
      redirect({ url, baseUrl }) {
        const base = new URL(baseUrl);
        let candidate: unknown = url;
        if (url.startsWith(`${base.origin}/`)) candidate = url.slice(base.origin.length);
        return `${base.origin}${safeCallbackPath(candidate, base.origin, '/login')}`;
      },
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { sid: string; role: string };
          token.sid = u.sid;
          token.role = u.role;
        }
        return token;
      },
      // The browser sees the role (for navigation) but never the session id.
      session({ session, token }) {
        return { ...session, user: { ...session.user, role: token.role as string } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await endSession(await getDb(), token.sid as string);
      },
    },
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  };
}
