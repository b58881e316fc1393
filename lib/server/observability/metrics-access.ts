import crypto from 'node:crypto';
import net from 'node:net';

/**
 * Who may read /api/metrics: a caller presenting `Authorization: Bearer <METRICS_TOKEN>`, or one
 * whose address (as the client-IP helper resolves it behind the trusted proxies) is listed in
 * METRICS_ALLOW (addresses or CIDR ranges, comma-separated). Neither configured: nobody.
 */
export function metricsAccessAllowed(req: { authorization: string | null; ip: string | null }, cfg: { token?: string; allow?: string }): boolean {
  if (cfg.token) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '');
    if (m) {
      const given = crypto.createHash('sha256').update(m[1]).digest();
      const want = crypto.createHash('sha256').update(cfg.token).digest();
      if (crypto.timingSafeEqual(given, want)) return true;
    }
  }
  if (cfg.allow && req.ip) return addressAllowed(req.ip, cfg.allow);
  return false;
}

const unmapped = (ip: string) => (ip.toLowerCase().startsWith('::ffff:') && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip);

export function addressAllowed(ip: string, allow: string): boolean {
  const addr = unmapped(ip.trim());
  const family = net.isIPv4(addr) ? 'ipv4' : net.isIPv6(addr) ? 'ipv6' : null;
  if (!family) return false;
  const list = new net.BlockList();
  for (const raw of allow.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [base, bits] = raw.split('/');
    const f = net.isIPv4(base) ? 'ipv4' : net.isIPv6(base) ? 'ipv6' : null;
    if (!f) continue;
    if (bits === undefined) list.addAddress(base, f);
    else list.addSubnet(base, Number(bits), f);
  }
  return list.check(addr, family);
}
