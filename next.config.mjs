/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with `tsc --noEmit` first;
  // the build would only repeat it.
  typescript: { ignoreBuildErrors: true },
  // PGlite must stay a real node module (its wasm is located relative to the package).
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'exceljs', '@node-rs/argon2', 'pino', 'prom-client'],
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
