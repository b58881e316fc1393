// The app's production server: Next.js behind a thin node:http front that decides who the
// client is. It removes any client-sent `x-kz-client-ip`, derives the address from the
// socket and X-Forwarded-For read exactly TRUSTED_PROXY_HOPS deep from the right (0: the
// socket's peer), and hands it to the app in `x-kz-client-ip` — the only place the app
// (rate limits, audit rows, sessions) reads a client address from. X-Forwarded-Host is
// dropped unless TRUST_FORWARDED_HOST=1 (and X-Forwarded-Proto/-Port unless a proxy is
// trusted), so a client cannot make the app believe it is served under another name.
//
//   tsx scripts/serve.ts [-p 3000] [-H 0.0.0.0] [--dev]
import { createServer } from 'node:http';
import next from 'next';
import { prepareForwardedHeaders } from '../lib/security/forwarded-headers';
import { env } from '../lib/env';

function arg(flag: string, fallback: string | undefined): string | undefined {
  const i = process.argv.indexOf(flag);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const dev = process.argv.includes('--dev');
const port = Number(arg('-p', process.env.PORT ?? '3000'));
const host = arg('-H', undefined);
const cfg = env();

const trust = { trustedProxyHops: cfg.TRUSTED_PROXY_HOPS, trustForwardedHost: cfg.TRUST_FORWARDED_HOST === '1' };

const app = next({ dev, hostname: host ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  prepareForwardedHeaders(req.headers, req.socket.remoteAddress, trust);
  void handle(req, res);
});
server.listen(port, host, () => {
  console.log(`> 已启动：http://${host ?? 'localhost'}:${port}（${dev ? 'development' : 'production'}，TRUSTED_PROXY_HOPS=${cfg.TRUSTED_PROXY_HOPS}）`);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
