// Prints one closing line for the whole `npm test` run from the runners' JSON reports.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const parts = [];
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

const unit = read('test-results/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
  parts.push(`unit ${unit.numPassedTests}`);
}
for (const [name, file] of [['e2e', 'test-results/e2e.json'], ['electron', 'test-results/e2e-electron.json']]) {
  const r = read(file);
  if (!r) continue;
  passed += r.stats.expected + (r.stats.flaky ?? 0);
  failed += r.stats.unexpected;
  skipped += r.stats.skipped;
  parts.push(`${name} ${r.stats.expected}${r.stats.skipped ? ` (+${r.stats.skipped} skipped)` : ''}`);
}
console.log(`(${parts.join(', ')})`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
