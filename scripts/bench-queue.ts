/**
 * Applications for the review-queue benchmark (`npm run bench`, figures queue-p95 and
 * queue-throughput), written straight into the database (bulk inserts, not the use-cases):
 * applicants and their submitted applications spread over every state, 镇街, loan type and
 * the last 90 days, with names, numbers, masked and blind-indexed 身份证号 a search can find.
 * Deterministic (seeded PRNG), so runs are comparable; `queueSearchSamples` gives search
 * terms that exist in the seeded data.
 */
import path from 'node:path';
import type { Result as AutocannonResult } from 'autocannon';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/client';
import { maskIdNumber } from '../lib/domain/mask';
import { sealForm } from '../lib/server/applications/application-form-store';
import { blindIndex, encryptPii } from '../lib/server/crypto/pii';

/** mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰飞鹏辉婷雪梅鑫宇浩然子涵欣怡俊杰文博思远嘉怡晨阳';
const TRADES = ['餐饮店', '农家乐', '电商服务部', '种植专业合作社', '汽修厂', '服装店', '养殖场', '建材经营部', '美容美发店', '物流配送站'];

/** Weighted states: most applications are past review; a fifth wait for HR. */
const STATES: Array<[string, number]> = [
  ['pending_hr', 20], ['pending_guarantee', 8], ['pending_bank', 7], ['returned', 3], ['approved', 2], ['contracted', 2],
  ['disbursed', 30], ['repaying', 10], ['settled', 8], ['rejected', 6], ['withdrawn', 2], ['defaulted', 1], ['overdue', 1],
];

export function idNumberOf(n: number): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `500234${1965 + (n % 35)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}

export const queueNameOf = (rand: () => number) =>
  SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '');

async function bulkInsert(h: DbHandle, table: string, columns: [string, string][], rows: unknown[][]) {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c);
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type === 'user_role' ? 'text' : type}[]`).join(', ');
  const select = columns.map(([c, type]) => (type === 'user_role' ? `${c}::user_role` : c)).join(', ');
  await h.query(`insert into ${table} (${names.join(', ')}) select ${select} from unnest(${arrays}) as u(${names.join(', ')})`, columns.map((_, i) => rows.map((r) => r[i])));
}

/**
 * Seed `count` submitted applications (and their applicants) ending before `now`. Numbers
 * are KZQ + 9 digits; applicant n has the 身份证号 `idNumberOf(offset + n)`.
 */
export async function seedApplications(h: DbHandle, count: number, opts: { seed?: number; now?: Date; offset?: number } = {}): Promise<{ applications: number }> {
  const seed = opts.seed ?? 20261201;
  const offset = opts.offset ?? 0;
  const rand = prng(seed);
  const now = (opts.now ?? new Date()).getTime();
  const towns = (await h.db.execute(sql`select code from towns order by sort_order`)) as unknown as { rows: { code: string }[] };
  const townCodes = towns.rows.map((r) => r.code);
  const banks = (await h.db.execute(sql`select id from organisations where kind = 'bank' order by id`)) as unknown as { rows: { id: number }[] };
  const bankIds = banks.rows.map((r) => r.id);
  const total = STATES.reduce((s, [, w]) => s + w, 0);
  const pickState = () => {
    let x = rand() * total;
    for (const [s, w] of STATES) if ((x -= w) < 0) return s;
    return STATES[0][0];
  };
  const form = sealForm({ loanType: 'individual' });
  const CHUNK = 5000;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const users: unknown[][] = [];
    const apps: unknown[][] = [];
    for (let k = 0; k < n; k++) {
      const i = offset + start + k;
      const id = idNumberOf(i);
      const name = queueNameOf(rand);
      const type = rand() < 0.85 ? 'individual' : rand() < 0.5 ? 'partnership' : 'enterprise';
      const submitted = new Date(now - Math.floor(rand() * 90 * 86400_000));
      const entered = new Date(Math.min(now - 60_000, submitted.getTime() + Math.floor(rand() * 20 * 86400_000)));
      const userId = crypto.randomUUID();
      users.push([userId, `q${seed}_${i}`, name, 'applicant', 'x', encryptPii(id), maskIdNumber(id), blindIndex('id', id)]);
      apps.push([
        crypto.randomUUID(), `KZQ${String(i).padStart(9, '0')}`, userId, type, pickState(), bankIds[i % bankIds.length] ?? null, form,
        name, maskIdNumber(id), blindIndex('id', id), `${name.slice(0, 1)}氏${TRADES[i % TRADES.length]}`, townCodes[i % townCodes.length] ?? null, 'returning-migrant-worker',
        String((50 + Math.floor(rand() * 250)) * 100_000), 36, submitted.toISOString(), entered.toISOString(), submitted.toISOString(), entered.toISOString(),
      ]);
    }
    await bulkInsert(h, 'users', [['id', 'uuid'], ['username', 'text'], ['real_name', 'text'], ['role', 'user_role'], ['password_hash', 'text'], ['id_number_enc', 'text'], ['id_number_masked', 'text'], ['id_number_hash', 'text']], users);
    await bulkInsert(h, 'applications', [
      ['id', 'uuid'], ['number', 'text'], ['applicant_id', 'uuid'], ['loan_type', 'text'], ['state', 'text'], ['bank_org_id', 'int'], ['form_enc', 'text'],
      ['applicant_name', 'text'], ['id_number_masked', 'text'], ['id_number_hash', 'text'], ['business_name', 'text'], ['town_code', 'text'], ['category', 'text'],
      ['requested_amount_fen', 'bigint'], ['term_months', 'int'], ['submitted_at', 'timestamptz'], ['stage_entered_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ], apps);
  }
  await h.query('analyze applications');
  await h.query('analyze users');
  return { applications: count };
}

/** Search terms that exist in data seeded with `seedApplications` (offset 0). */
export function queueSearchSamples(count: number): { numberFragment: string; maskedIdFragment: string; fullId: string; business: string } {
  const i = Math.floor(count / 3);
  return {
    numberFragment: `KZQ${String(i).padStart(9, '0')}`.slice(-6),
    maskedIdFragment: idNumberOf(i).slice(-4),
    fullId: idNumberOf(i),
    business: '农家乐',
  };
}

// ------------------------------------------------------------------ the load (phase `load`)

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  non2xx: number;
  errors: number;
}

/** `connections` users, each with its own cookie, cycling through `paths` for `seconds`. */
export async function driveLoad(base: string, paths: string[], cookies: string[], connections: number, seconds: number): Promise<LoadResult> {
  const { default: autocannon } = await import('autocannon');
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const inst = autocannon(
      {
        url: base, connections, duration: seconds, timeout: 30,
        requests: paths.map((path) => ({ method: 'GET', path })),
        setupClient: (client) => {
          const cookie = cookies[next++ % Math.max(1, cookies.length)];
          if (cookie) client.setHeaders({ cookie });
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length, perSecond: latencies.length / seconds, p50Ms: Math.round(percentile(latencies, 50)), p95Ms: Math.round(percentile(latencies, 95)),
    non2xx: result.non2xx, errors: result.errors + result.timeouts,
  };
}

/** Log in through next-auth's credentials flow; the session cookie. */
export async function login(base: string, identifier: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, identifier, password, json: 'true' }),
  });
  const session = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('session-token'));
  if (!session) throw new Error(`login as ${identifier} failed (${r.status})`);
  return session;
}

/** The HR reviewer's queue: every tab, sort and filter, and each kind of search. */
export async function queuePaths(h: DbHandle): Promise<string[]> {
  const [sample] = await h.query<{ name: string; number: string; masked: string; town: string }>(
    `select applicant_name as name, number, id_number_masked as masked, town_code as town from applications where state = 'pending_hr' and number like 'KZQ%' order by number limit 1 offset 7`,
  );
  const count = (await h.query<{ n: number }>(`select count(*)::int as n from applications where number like 'KZQ%'`))[0].n;
  const s = queueSearchSamples(count);
  const q = (v: string) => encodeURIComponent(v);
  return [
    '/review', '/review?sort=submitted_desc', '/review?sort=amount_desc', '/review?tab=all', '/review?tab=all&sort=submitted_desc', '/review?tab=all&sort=amount_desc',
    '/review?loanType=enterprise', `/review?town=${q(sample.town)}`, '/review?overdue=1', '/review?tab=all&loanType=partnership&sort=amount_desc',
    `/review?tab=all&q=${q(sample.name.slice(0, 2))}`, `/review?tab=all&q=${q(sample.number.slice(-6))}`, `/review?tab=all&q=${q(sample.masked.slice(-4))}`,
    `/review?tab=all&q=${q(s.fullId)}`, `/review?tab=all&q=${q(s.business)}`, '/review?page=3', '/review?tab=all&page=40',
  ];
}

async function waitForServer(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the server at ${base} did not answer in ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const [phase] = process.argv.slice(2);
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const target = arg('target');
  if (!phase || !target) throw new Error('usage: bench-queue.ts seed|load --target <pglite dir|postgres url> [--apps N] [--seconds S] [--port P]');
  const { createDb } = await import('../db/client');
  const open = () => (/^postgres(ql)?:\/\//.test(target) ? createDb({ url: target }) : createDb({ url: '', pgliteDir: target }));
  let result: Record<string, unknown>;
  if (phase === 'seed') {
    const { migrateDb } = await import('../db/migrate');
    const { seedDemo } = await import('../db/seed');
    const h = await open();
    try {
      await migrateDb(h);
      await seedDemo(h.db);
      const t0 = performance.now();
      const r = await seedApplications(h, Number(arg('apps') ?? 100_000));
      result = { ...r, wallMs: performance.now() - t0 };
    } finally {
      await h.close();
    }
  } else if (phase === 'load') {
    const { spawn } = await import('node:child_process');
    const h = await open();
    const paths = await queuePaths(h);
    await h.close();
    const port = arg('port') ?? '3205';
    const base = `http://127.0.0.1:${port}`;
    const seconds = Number(arg('seconds') ?? 20);
    const connections = Number(arg('connections') ?? 20);
    const pg = /^postgres(ql)?:\/\//.test(target);
    const server = spawn('npx', ['tsx', 'scripts/serve.ts', '-p', port, '-H', '127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'inherit'], detached: true,
      env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1', DB_MIGRATE_ON_START: '0', ...(pg ? { DATABASE_URL: target } : { DATABASE_URL: '', PGLITE_DIR: target }) },
    });
    try {
      await waitForServer(base, 120_000);
      const cookies: string[] = [];
      for (let i = 0; i < connections; i++) cookies.push(await login(base, i % 2 ? 'hr2' : 'hr', 'Kaizhou@2026'));
      // Every URL answers 200 with the queue's table before any load (a redirect or an error page would be cheap and false).
      for (const p of paths) {
        const r = await fetch(`${base}${p}`, { headers: { cookie: cookies[0] }, redirect: 'manual' });
        const body = await r.text();
        if (r.status !== 200 || !body.includes('办理时限')) throw new Error(`${p} answered ${r.status}${r.status === 200 ? ' without the queue' : ''}: ${body.slice(0, 300)}`);
      }
      // Warm both up (compiled routes, connection pool, caches), then measure each in turn.
      await driveLoad(base, ['/login'], [], connections, 3);
      await driveLoad(base, paths, cookies, connections, 5);
      const loginLoad = await driveLoad(base, ['/login'], [], connections, seconds);
      const queue = await driveLoad(base, paths, cookies, connections, seconds);
      result = { paths: paths.length, connections, seconds, login: loginLoad, queue };
    } finally {
      // The whole group: npx, next and its worker.
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        // gone already
      }
    }
  } else throw new Error(`unknown phase ${phase}`);
  console.log(`RESULT ${JSON.stringify(result)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(String(e instanceof Error ? (e.stack ?? e.message) : e).slice(0, 2000));
    process.exit(1);
  });
}
