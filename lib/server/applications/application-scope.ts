import { and, eq, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applications, type Application } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

/**
 * The applications an actor may see, as a WHERE clause. Every query that reads an
 * application by id goes through this, so guessing an id never reveals another's data.
 * Returns null when the role sees no applications at all.
 */
export function applicationScope(actor: Actor): SQL | null {
  switch (actor.role) {
    case 'applicant':
      return eq(applications.applicantId, actor.userId);
    case 'hr_reviewer':
    case 'guarantee_reviewer':
    case 'auditor':
      // Drafts are the applicant's private work until submitted.
      return ne(applications.state, 'draft');
    case 'bank_officer':
      // A bank sees only what was routed to it.
      return actor.orgId === null ? null : and(ne(applications.state, 'draft'), eq(applications.bankOrgId, actor.orgId))!;
    case 'finance_officer':
    case 'admin':
    case 'security_admin':
      return null;
    default: {
      const never: never = actor.role;
      return never;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Load one application inside the actor's scope, or NOT_FOUND (also for ids that exist
 * but are out of scope: a refusal must not confirm that the id exists).
 * Pass `forUpdate` inside a transaction to lock the row against concurrent changes.
 */
export async function loadScopedApplication(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<Application> {
  const scope = applicationScope(actor);
  if (!scope || !UUID.test(id)) throw new AppError('NOT_FOUND');
  const q = db.select().from(applications).where(and(eq(applications.id, id), scope)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
