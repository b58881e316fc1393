import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { enterpriseContacts, enterprises, users, type HiringFiling } from '@/db/schema';
import { filingWarnings, type FilerBasis, type FilingWarning } from '@/lib/domain/hiring-filing-checks';

export interface FilingCheck {
  filerBasis: FilerBasis | null;
  registeredName: string | null;
  warnings: FilingWarning[];
}

type Checked = Pick<HiringFiling, 'id' | 'uscc' | 'filedBy' | 'enterpriseName' | 'accountName'>;

/**
 * Who filed for which enterprise, checked against the register: the filer is the enterprise's
 * registered contact when their own 身份证号 is the legal representative's on file, or when HR
 * has confirmed them as its contact. Read when shown (a contact confirmed later counts).
 */
export async function checkHiringFilings(db: DbOrTx, filings: Checked[]): Promise<Map<string, FilingCheck>> {
  const out = new Map<string, FilingCheck>();
  if (filings.length === 0) return out;
  const usccs = [...new Set(filings.map((f) => f.uscc))];
  const filers = [...new Set(filings.map((f) => f.filedBy))];
  const [registered, contacts, people] = await Promise.all([
    db.select().from(enterprises).where(inArray(enterprises.uscc, usccs)),
    db.select({ uscc: enterpriseContacts.uscc, userId: enterpriseContacts.userId }).from(enterpriseContacts).where(and(inArray(enterpriseContacts.uscc, usccs), inArray(enterpriseContacts.userId, filers))),
    db.select({ id: users.id, idNumberHash: users.idNumberHash }).from(users).where(inArray(users.id, filers)),
  ]);
  const byUscc = new Map(registered.map((e) => [e.uscc, e]));
  const confirmed = new Set(contacts.map((c) => `${c.uscc}:${c.userId}`));
  const idHash = new Map(people.map((p) => [p.id, p.idNumberHash]));
  for (const f of filings) {
    const e = byUscc.get(f.uscc);
    const hash = idHash.get(f.filedBy);
    const filerBasis: FilerBasis | null = e?.legalRepIdHash && hash && e.legalRepIdHash === hash ? 'legal_rep' : confirmed.has(`${f.uscc}:${f.filedBy}`) ? 'confirmed_contact' : null;
    const registeredName = e?.name ?? null;
    out.set(f.id, { filerBasis, registeredName, warnings: filingWarnings({ filerBasis, registeredName, filedName: f.enterpriseName, accountName: f.accountName }) });
  }
  return out;
}

/** One filing's check. */
export async function checkHiringFiling(db: DbOrTx, f: Checked): Promise<FilingCheck> {
  return (await checkHiringFilings(db, [f])).get(f.id)!;
}

