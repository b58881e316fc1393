import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dataImports, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import type { ImportRowError } from '@/lib/validation/servicing';

export interface SocialInsuranceImportSummary {
  id: string;
  fileName: string;
  sha256: string;
  rowCount: number;
  status: 'applied' | 'rejected';
  errors: ImportRowError[];
  uploadedBy: string;
  createdAt: string;
}

/** The latest social-insurance imports (applied and rejected), newest first. */
export async function listSocialInsuranceImports(db: Db, actor: Actor, opts: { limit?: number } = {}): Promise<SocialInsuranceImportSummary[]> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const rows = await db
    .select({ i: dataImports, uploadedBy: users.realName })
    .from(dataImports)
    .innerJoin(users, eq(users.id, dataImports.uploadedBy))
    .where(eq(dataImports.kind, 'social_insurance'))
    .orderBy(desc(dataImports.createdAt))
    .limit(Math.min(Math.max(opts.limit ?? 10, 1), 100));
  return rows.map(({ i, uploadedBy }) => ({
    id: i.id, fileName: i.fileName, sha256: i.sha256, rowCount: i.rowCount, status: i.status, errors: i.errors ?? [], uploadedBy, createdAt: i.createdAt.toISOString(),
  }));
}
