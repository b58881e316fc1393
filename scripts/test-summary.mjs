// Sum the JSON reports of vitest and Playwright into one closing line.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const dir = 'test-results';
for (const f of fs.readdirSync(dir).filter((n) => /^(vitest(-[a-z]+)?|e2e-[a-z]+)\.json$/.test(n))) {
  const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8'));
  if (r.stats) {
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  } else {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
