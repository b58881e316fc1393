// Anchor the audit chain's head outside the database (AUDIT_ANCHOR_DIR), for cron or the
// scheduled worker: `npm run audit:anchor` anchors when the newest anchor is a day old (or
// there is none); `-- --now` anchors at once. Exit 1 when the chain is broken (not anchored).
import { createDb } from '../db/client';
import { anchorAuditChain, anchorAuditChainIfDue } from '../lib/server/audit/anchor-audit-chain';

const h = await createDb();
try {
  const out = process.argv.includes('--now') ? await anchorAuditChain(h.db, null, 'daily') : await anchorAuditChainIfDue(h.db);
  if (!out) console.log('audit chain: newest anchor is less than a day old; nothing to do');
  else if (out.ok) console.log(`audit chain anchored at seq ${out.anchor.seq} (${out.name})`);
  else {
    console.error(`audit chain BROKEN at seq ${out.check.ok ? '?' : out.check.firstBadSeq} (${out.check.ok ? '' : out.check.reason}); not anchored`);
    process.exitCode = 1;
  }
} finally {
  await h.close();
}
