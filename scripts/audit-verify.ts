// How an auditor verifies a copy kept outside the system:
//   npm run -s audit:verify -- anchor-….json [more.json]   anchor files downloaded from /audit
//   npm run -s audit:verify -- --seq 1234 --hash <64 hex>  the head printed on an exported 拨付清单
//   npm run -s audit:verify -- --key anchor-key.pem f.json  check signatures only, offline, with the public key
// With a database (DATABASE_URL or PGlite) and AUDIT_KEY it recomputes the whole chain, checks it
// reaches the newest stored anchor and every copy given. Exit 0 only when everything holds.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '../db/client';
import { anchorSignatureValid, parseAnchor } from '../lib/server/audit/anchor-store';
import { anchorKeyFingerprint, anchorPublicKeyPem } from '../lib/server/audit/audit-key';
import { verifyAgainstLatestAnchor } from '../lib/server/audit/check-audit-chain';
import { verifyAuditChain } from '../lib/server/audit/verify-audit-chain';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seq: { type: 'string' }, hash: { type: 'string' }, key: { type: 'string' }, 'print-key': { type: 'boolean' } } });
let failed = false;
const say = (ok: boolean, text: string) => {
  if (!ok) failed = true;
  console.log(`${ok ? 'OK  ' : 'FAIL'} ${text}`);
};

if (values['print-key']) {
  console.log(anchorPublicKeyPem().trim());
  console.log(`fingerprint: ${anchorKeyFingerprint()}`);
  process.exit(0);
}

const pem = values.key ? fs.readFileSync(values.key, 'utf8') : anchorPublicKeyPem();
console.log(`anchor key fingerprint: ${anchorKeyFingerprint(pem)} — compare with the one you wrote down`);
const points: { label: string; seq: number; hash: string; keyedFrom: number | null }[] = [];
for (const file of positionals) {
  const a = parseAnchor(fs.readFileSync(file, 'utf8'));
  if (!a) {
    say(false, `${file}: not an audit anchor file`);
    continue;
  }
  say(anchorSignatureValid(a, pem), `${file}: signature (seq ${a.seq}, anchored ${a.anchoredAt})`);
  points.push({ label: file, seq: a.seq, hash: a.hash, keyedFrom: a.keyedFrom });
}
if (values.seq || values.hash) {
  if (!/^\d+$/.test(values.seq ?? '') || !/^[0-9a-f]{64}$/i.test(values.hash ?? '')) {
    say(false, '--seq needs a number and --hash 64 hex digits');
  } else points.push({ label: `head ${values.seq}`, seq: Number(values.seq), hash: values.hash!.toLowerCase(), keyedFrom: null });
}

if (!values.key) {
  const h = await createDb();
  try {
    const chain = await verifyAgainstLatestAnchor(h.db);
    say(chain.ok, chain.ok
      ? `chain: ${chain.rows} rows verify${chain.anchor ? `, reaching the newest stored anchor (seq ${chain.anchor.seq})` : ' (no stored anchor yet)'}`
      : `chain: ${chain.reason} at seq ${chain.firstBadSeq}`);
    for (const p of points) {
      const r = await verifyAuditChain(h.db, { anchor: p });
      say(r.ok, r.ok ? `${p.label}: the log holds seq ${p.seq} with this hash` : `${p.label}: ${r.reason} at seq ${r.firstBadSeq}`);
    }
  } finally {
    await h.close();
  }
}
process.exitCode = failed ? 1 : 0;
