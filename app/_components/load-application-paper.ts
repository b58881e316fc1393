import 'server-only';
import { notFound } from 'next/navigation';
import { APPLICATION_PAPERS, type ApplicationPaper } from '@/lib/domain/paper/official-documents';
import { isAppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { getApplicationPaper } from '@/lib/server/paper/get-application-paper';

/** One application document for a print page; an unknown kind, an id out of scope or a document that does not exist yet is a 404. */
export async function loadApplicationPaper(actor: Actor, id: string, kind: string) {
  if (!(APPLICATION_PAPERS as readonly string[]).includes(kind)) notFound();
  try {
    return await getApplicationPaper(await getDb(), actor, id, kind as ApplicationPaper);
  } catch (e) {
    if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  }
}
