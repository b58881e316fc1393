import type { DbOrTx } from '@/db/client';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { latestAnchor, signAnchor, writeAnchor } from './anchor-store';
import { firstKeyedSeq, type ChainHead } from './chain-state';

// Per process: the China day each chain was last seen anchored, so the check costs nothing
// after the first audit row of the day.
const anchoredOn = new Map<string, string>();

/**
 * Anchor a committed head when the chain has no anchor from today yet — the "at least daily"
 * checkpoint taken by the first audit row of each day. No full verification here (that is the
 * auditor's and the scheduled job's, anchor-audit-chain.ts). Never fails the caller: the row is
 * already committed, and a missing checkpoint is caught by the daily job.
 */
export async function anchorFirstOfDay(db: DbOrTx, chainId: string, head: ChainHead): Promise<void> {
  const day = todayInChina(clock());
  if (anchoredOn.get(chainId) === day) return;
  try {
    const latest = await latestAnchor(chainId);
    const latestDay = latest?.anchor ? todayInChina(new Date(latest.anchor.anchoredAt)) : null;
    if (latestDay !== day && !(latest?.anchor && latest.anchor.seq >= head.seq)) {
      await writeAnchor(signAnchor({
        chainId, seq: head.seq, hash: head.hash, at: head.at.toISOString(), keyedFrom: await firstKeyedSeq(db),
        anchoredAt: clock().toISOString(), reason: 'first_of_day',
      }));
    }
    anchoredOn.set(chainId, day);
  } catch (e) {
    console.error('[audit] could not anchor the chain head: %s', (e as Error).message);
  }
}
