#!/usr/bin/env node
// Quick start, command 2: the whole test suite, setting up first what npm does not bring.
// Extra arguments go to vitest (e.g. `npm test -- --project api`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, root, run, say } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';

function hasCjkFont() {
  try {
    return /CJK/i.test(execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** Browser tests drive Debian's Chromium; CJK fonts make Chinese and Japanese render in screenshots. */
function ensureBrowser() {
  const missing = [!fs.existsSync(CHROMIUM) && 'chromium', !hasCjkFont() && 'fonts-noto-cjk'].filter(Boolean);
  if (!missing.length) return;
  say(`The browser tests need ${missing.join(' and ')} from Debian; installing with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    process.getuid?.() === 0
      ? run('apt-get', args, { env })
      : run('sudo', ['-E', 'apt-get', ...args], { env });
  if (
    apt(['update', '-qq']) !== 0 ||
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]) !== 0
  ) {
    console.error(
      `\n✗ Could not install ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
}

ensureDependencies();
const args = process.argv.slice(2);
const projects = args.filter((_, i) => args[i - 1] === '--project');
if (!projects.length || projects.includes('browser') || projects.includes('miniapp')) ensureBrowser();

const report = path.join(root, 'test-artifacts/vitest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
const where = process.env.TEST_DATABASE_URL
  ? `PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`
  : 'PGlite (embedded)';
say(`Running the test suite on ${where}…`);
const code = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...args,
]);

// One plain closing line, whatever the reporter printed above it.
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(
    `\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (r.numTotalTests === 0) {
    console.error('✗ no test ran');
    process.exit(1);
  }
} catch {
  console.log('\n(no test report was written)');
}
process.exit(code);
