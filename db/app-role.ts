/**
 * Least privilege on PostgreSQL: the schema belongs to an owner role that runs the migrations;
 * the app connects as a role that owns nothing. It gets DML on the tables, only SELECT and
 * INSERT on the audit log and SELECT on the chain's identity — so it cannot ALTER, disable a
 * trigger, TRUNCATE or DROP anything. (PGlite has one embedded user: none of this applies.)
 */

/** A role name as PostgreSQL spells it unquoted: checked, because it is spliced into SQL. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables the app may read and append to, but never change. */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;
/** Tables the app may only read. */
export const READ_ONLY_TABLES = ['audit_chain'] as const;

/**
 * The statements that (re)grant the app role its rights. Idempotent; run by the owner after
 * every migration, so tables a new migration created are covered, and the owner's default
 * privileges cover tables created outside a migration run too.
 */
export function appRoleGrants(appRole: string, existing: ReadonlySet<string>): string[] {
  if (!ROLE_NAME.test(appRole)) throw new Error(`invalid app role name: ${appRole}`);
  const r = appRole;
  const limited = [...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES].filter((t) => existing.has(t));
  const readOnly = READ_ONLY_TABLES.filter((t) => existing.has(t));
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`,
    ...limited.map((t) => `REVOKE UPDATE, DELETE ON ${t} FROM ${r}`),
    ...readOnly.map((t) => `REVOKE INSERT ON ${t} FROM ${r}`),
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${r}`,
    // Readiness (/api/ready) compares the applied migrations with the build's: read-only.
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${r}`,
  ];
}

export const userOf = (url: string | undefined) => (url ? decodeURIComponent(new URL(url).username) : '');

/**
 * The role to grant to: the one configured, else the app URL's user when it is not the
 * owner's (one URL for both means one role, as before: nothing to grant).
 */
export function appRoleFor(opts: { configured?: string; appUrl?: string; ownerUrl?: string }): string | null {
  if (opts.configured) return opts.configured;
  const app = userOf(opts.appUrl);
  const owner = userOf(opts.ownerUrl);
  return app && owner && app !== owner ? app : null;
}

/** The same server and database as `url`, as another role (for tests and the e2e server). */
export function urlAs(url: string, role: { user: string; password: string }, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.user);
  u.password = encodeURIComponent(role.password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/**
 * For the test and e2e harnesses: the app role's credentials — those of `appUrl` when given
 * (CI creates that role as a superuser), else `<owner>_app` (password = its name), created
 * here if missing, which needs an owner with CREATEROLE.
 */
export async function ensureAppRole(ownerUrl: string, appUrl?: string): Promise<{ user: string; password: string }> {
  if (appUrl) {
    const u = new URL(appUrl);
    return { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  }
  const user = `${userOf(ownerUrl)}_app`;
  if (!ROLE_NAME.test(user)) throw new Error(`cannot derive an app role name from ${userOf(ownerUrl)}`);
  const { Client } = await import('pg');
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_roles where rolname = $1', [user]);
    if (!rowCount) {
      try {
        await c.query(`create role ${user} login password '${user}' nosuperuser nocreatedb nocreaterole`);
      } catch (e) {
        const code = (e as { code?: string }).code;
        // Another test file created it at the same moment.
        if (code !== '42710' && code !== '23505') {
          throw new Error(`cannot create the app role ${user} (${(e as Error).message}); create it as a superuser or set the app role's URL`);
        }
      }
    }
  } finally {
    await c.end();
  }
  return { user, password: user };
}

/** Where migrations run and whom they grant to, from the configuration (lib/env.ts). */
export function migrationPlan(cfg: { DATABASE_URL?: string; MIGRATION_DATABASE_URL?: string; DB_APP_ROLE?: string }): { url?: string; appRole: string | null } {
  const url = cfg.MIGRATION_DATABASE_URL ?? cfg.DATABASE_URL;
  return { url, appRole: url ? appRoleFor({ configured: cfg.DB_APP_ROLE, appUrl: cfg.DATABASE_URL, ownerUrl: url }) : null };
}
