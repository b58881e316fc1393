import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { noteActor } from '@/lib/server/observability/request-context';
import { hasPermission, type Permission } from './permissions';

const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** The session id inside the next-auth JWT cookie of this request, if any. */
async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET });
    return typeof token?.sid === 'string' ? token.sid : null;
  } catch {
    return null;
  }
}

/** The acting user of this request, re-checked against the database; null when signed out. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const sid = await sessionIdFromCookie();
  const actor = sid ? await resolveSession(await getDb(), sid) : null;
  if (actor) noteActor(actor.userId);
  return actor;
});

/** For server actions and route handlers: a signed-in actor holding `permission`, or a typed error. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.mustChangePassword) throw new AppError('FORBIDDEN', { userMessage: '请先修改密码' });
  if (actor.mustEnrolMfa) throw new AppError('FORBIDDEN', { userMessage: '请先绑定身份验证器' });
  if (!hasPermission(actor.role, permission)) throw new AppError('FORBIDDEN');
  return actor;
}
