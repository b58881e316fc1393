#!/usr/bin/env bash
# npm test: every check the project has, in order — types, unit + integration tests
# (PGlite; PostgreSQL too when TEST_DATABASE_URL is set), the production build, and the
# Playwright suite in Debian's chromium (PGlite; PostgreSQL too when E2E_DATABASE_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
rm -rf test-results && mkdir -p test-results

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "浏览器测试需要 Debian 的 chromium：sudo apt-get install chromium（或设置 CHROMIUM_PATH）" >&2
    exit 1
  fi
fi

echo "== typecheck"
npx tsc --noEmit

echo "== unit and integration tests (PGlite${TEST_DATABASE_URL:+ and PostgreSQL})"
npx vitest run --config tests/vitest.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

echo "== production build"
npx next build

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== several processes on one PostgreSQL (two next start + a worker)"
  npx vitest run --config tests/multiprocess/vitest.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest-multiprocess.json
fi

# The whole browser suite runs once: on PostgreSQL when E2E_DATABASE_URL is set (production's
# set-up: the least-privileged app role), else on PGlite. With PostgreSQL, the PGlite pass runs
# registration, the application wizard and one application through all three reviews to
# disbursement, so the embedded database a new user starts on is driven through a browser too;
# every unit and integration test already runs on both databases. Running the whole suite twice
# cost more than ten minutes of a CI run that has to stay near twenty (PGlite times per spec,
# measured: employer subsidies 229 s, apply 170 s, finance 168 s, review 155 s, servicing 103 s,
# register 93 s).
PGLITE_SPECS=()
if [ -n "${E2E_DATABASE_URL:-}" ]; then
  PGLITE_SPECS=(register.spec.ts apply.spec.ts review.spec.ts)
fi
echo "== browser tests on PGlite${PGLITE_SPECS:+ (registration, application, the three reviews)}"
# Without E2E_DATABASE_URL here, or this pass would run on PostgreSQL too (and leave its data
# behind for the PostgreSQL pass).
env -u E2E_DATABASE_URL E2E_JSON=../test-results/e2e-pglite.json npx playwright test -c e2e/playwright.config.ts "${PGLITE_SPECS[@]}"

if [ -n "${E2E_DATABASE_URL:-}" ]; then
  echo "== browser tests on PostgreSQL"
  E2E_JSON=../test-results/e2e-postgres.json npx playwright test -c e2e/playwright.config.ts
fi

node scripts/test-summary.mjs
